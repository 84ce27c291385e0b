/**
 * The nginx files in deploy/ with an office's (or a test's) own values put in: the listen addresses, the name, the
 * certificate and where the Guatu server(s) listen. The files stay ready to copy as they are; this replaces exactly
 * the directives that differ between places and refuses when one is not found as often as expected, so the
 * drill (tests/deploy/nginx-drill.test.ts) always runs the committed file, never a copy of it.
 *
 *   node --import tsx scripts/deploy/nginx-config.ts office --server-name guatu.anping.gov.cn \
 *     --certificate /etc/nginx/tls/guatu.crt --certificate-key /etc/nginx/tls/guatu.key --upstream 127.0.0.1:8787
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const DEPLOY_DIR = resolve(import.meta.dirname, '../../deploy');

export interface OfficeNginxSettings {
  /** `listen` of the plain-HTTP server that redirects to HTTPS, e.g. "80" or "127.0.0.1:8080". */
  httpListen?: string;
  /** `listen` of the TLS server, e.g. "443" or "127.0.0.1:8443". */
  httpsListen?: string;
  serverName?: string;
  certificate?: string;
  certificateKey?: string;
  /** host:port of the Guatu server. */
  upstream?: string;
  /** proxy_read_timeout/proxy_send_timeout, e.g. "120s". */
  proxyTimeout?: string;
}

export interface ComposeNginxSettings {
  listen?: string;
  /** host:port of each instance, in place of guatu-1:8787, guatu-2:8787. */
  upstreams?: readonly string[];
  proxyTimeout?: string;
}

/** Replaces every match of `pattern` (global) with `replacement`, which must match exactly `count` times. */
function replaceDirective(text: string, pattern: RegExp, replacement: string, count: number, what: string): string {
  const found = text.match(pattern)?.length ?? 0;
  if (found !== count) throw new Error(`nginx config: expected ${count} × ${what} (${pattern}), found ${found}: was the file changed?`);
  return text.replace(pattern, replacement);
}

/** deploy/nginx-office.conf (one server, TLS) with `settings` in place of its example values. */
export function renderOfficeNginx(settings: OfficeNginxSettings, text = readFileSync(`${DEPLOY_DIR}/nginx-office.conf`, 'utf8')): string {
  let out = text;
  if (settings.httpListen) out = replaceDirective(out, /^(\s*)listen 80;$/gm, `$1listen ${settings.httpListen};`, 1, 'listen 80');
  if (settings.httpsListen) {
    out = replaceDirective(out, /^(\s*)listen 443 ssl http2;$/gm, `$1listen ${settings.httpsListen} ssl http2;`, 1, 'listen 443 ssl http2');
  }
  if (settings.serverName)
    out = replaceDirective(out, /^(\s*)server_name guatu\.example\.gov\.cn;$/gm, `$1server_name ${settings.serverName};`, 2, 'server_name');
  if (settings.certificate) out = replaceDirective(out, /^(\s*)ssl_certificate\s+\S+;$/gm, `$1ssl_certificate ${settings.certificate};`, 1, 'ssl_certificate');
  if (settings.certificateKey) {
    out = replaceDirective(out, /^(\s*)ssl_certificate_key\s+\S+;$/gm, `$1ssl_certificate_key ${settings.certificateKey};`, 1, 'ssl_certificate_key');
  }
  if (settings.upstream)
    out = replaceDirective(out, /^(\s*)proxy_pass http:\/\/127\.0\.0\.1:8787;$/gm, `$1proxy_pass http://${settings.upstream};`, 2, 'proxy_pass');
  if (settings.proxyTimeout) {
    out = replaceDirective(out, /^(\s*)proxy_(read|send)_timeout 120s;$/gm, `$1proxy_$2_timeout ${settings.proxyTimeout};`, 2, 'proxy timeouts');
  }
  return out;
}

/** deploy/nginx.conf (the compose file's balancer over several instances) with `settings` in place. */
export function renderComposeNginx(settings: ComposeNginxSettings, text = readFileSync(`${DEPLOY_DIR}/nginx.conf`, 'utf8')): string {
  let out = text;
  if (settings.listen) out = replaceDirective(out, /^(\s*)listen 80;$/gm, `$1listen ${settings.listen};`, 1, 'listen 80');
  settings.upstreams?.forEach((address, i) => {
    out = replaceDirective(out, new RegExp(`^(\\s*)server guatu-${i + 1}:8787 `, 'gm'), `$1server ${address} `, 1, `server guatu-${i + 1}`);
  });
  if (settings.proxyTimeout) {
    out = replaceDirective(out, /^(\s*)proxy_(read|send)_timeout 120s;$/gm, `$1proxy_$2_timeout ${settings.proxyTimeout};`, 2, 'proxy timeouts');
  }
  return out;
}

/** The command line: prints the rendered file to stdout. */
function main(argv: string[]): void {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'server-name': { type: 'string' },
      'http-listen': { type: 'string' },
      'https-listen': { type: 'string' },
      certificate: { type: 'string' },
      'certificate-key': { type: 'string' },
      upstream: { type: 'string', multiple: true },
      listen: { type: 'string' },
    },
  });
  const which = positionals[0];
  if (which === 'office') {
    process.stdout.write(
      renderOfficeNginx({
        serverName: values['server-name'],
        httpListen: values['http-listen'],
        httpsListen: values['https-listen'],
        certificate: values.certificate,
        certificateKey: values['certificate-key'],
        upstream: values.upstream?.[0],
      }),
    );
  } else if (which === 'compose') {
    process.stdout.write(renderComposeNginx({ listen: values.listen, upstreams: values.upstream }));
  } else {
    process.stderr.write('usage: nginx-config.ts office|compose [--server-name …] [--certificate …] [--certificate-key …] [--upstream host:port …]\n');
    process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) main(process.argv.slice(2));
