/**
 * The documents' PostgreSQL schema as numbered migrations (run by pg-migrate.ts under an advisory lock).
 * The same three tables as SQLite (sqlite-schema.ts): the chain head per document (whose row lock is the document's
 * sequencer), the attributed updates, and snapshots.
 */
export const PG_DOCUMENT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE documents (
     doc TEXT PRIMARY KEY,
     last_seq BIGINT NOT NULL,
     last_hash TEXT NOT NULL
   );
   CREATE TABLE updates (
     doc TEXT NOT NULL,
     seq BIGINT NOT NULL,
     author TEXT NOT NULL,
     at BIGINT NOT NULL,
     "update" BYTEA NOT NULL,
     hash TEXT NOT NULL,
     PRIMARY KEY (doc, seq)
   );
   CREATE TABLE snapshots (
     doc TEXT NOT NULL,
     upto_seq BIGINT NOT NULL,
     state BYTEA NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (doc, upto_seq)
   );`,
  // 2: leases (one summary deriver per workspace, docs/scale-out.md §4) and how far each project was derived
  `CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     holder TEXT NOT NULL,
     token BIGINT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE derived_marks (
     doc TEXT PRIMARY KEY,
     seq BIGINT NOT NULL
   );`,
  // 3: the append in one round trip: the same hash chain as hash-chain.ts, computed in the database under the row lock
  `CREATE FUNCTION guatu_chain_field(t TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE STRICT AS
     $fn$ SELECT int4send(octet_length(convert_to(t, 'UTF8'))) || convert_to(t, 'UTF8') $fn$;

   CREATE FUNCTION guatu_append(p_docs TEXT[], p_authors TEXT[], p_ats BIGINT[], p_updates BYTEA[], p_fence_leases TEXT[], p_fence_tokens BIGINT[])
   RETURNS TABLE (r_seq BIGINT, r_hash TEXT) LANGUAGE plpgsql AS $fn$
   DECLARE
     i INTEGER;
     current_token BIGINT;
     heads JSONB;
     head JSONB;
     next_seq BIGINT;
     next_hash TEXT;
   BEGIN
     -- a fenced write (the summary deriver's) only while its lease still carries the token
     FOR i IN 1 .. coalesce(array_length(p_fence_leases, 1), 0) LOOP
       SELECT token INTO current_token FROM leases WHERE name = p_fence_leases[i] FOR SHARE;
       IF current_token IS DISTINCT FROM p_fence_tokens[i] THEN
         RAISE EXCEPTION 'lease % is at token %; this write was made under %', p_fence_leases[i], current_token, p_fence_tokens[i]
           USING ERRCODE = 'GU001';
       END IF;
     END LOOP;
     -- the sequencer: every head row of the batch locked (created at seq 0 if new) in name order
     INSERT INTO documents (doc, last_seq, last_hash)
       SELECT d, 0, repeat('0', 64) FROM (SELECT DISTINCT unnest(p_docs) AS d) AS names ORDER BY d COLLATE "C"
       ON CONFLICT (doc) DO UPDATE SET doc = excluded.doc;
     SELECT jsonb_object_agg(doc, jsonb_build_array(last_seq, last_hash)) INTO heads FROM documents WHERE doc = ANY(p_docs);
     FOR i IN 1 .. coalesce(array_length(p_docs, 1), 0) LOOP
       head := heads -> p_docs[i];
       next_seq := (head ->> 0)::BIGINT + 1;
       next_hash := encode(sha256(
         guatu_chain_field(head ->> 1) || guatu_chain_field(p_docs[i]) || guatu_chain_field(next_seq::TEXT) ||
         guatu_chain_field(p_authors[i]) || guatu_chain_field(p_ats[i]::TEXT) || guatu_chain_field(encode(sha256(p_updates[i]), 'hex'))
       ), 'hex');
       INSERT INTO updates (doc, seq, author, at, "update", hash) VALUES (p_docs[i], next_seq, p_authors[i], p_ats[i], p_updates[i], next_hash);
       heads := jsonb_set(heads, ARRAY[p_docs[i]], jsonb_build_array(next_seq, next_hash));
       r_seq := next_seq;
       r_hash := next_hash;
       RETURN NEXT;
     END LOOP;
     UPDATE documents AS d SET last_seq = (heads -> d.doc ->> 0)::BIGINT, last_hash = heads -> d.doc ->> 1 WHERE d.doc = ANY(p_docs);
   END
   $fn$;`,
];
