// crx3 1.1.3 ships no types; the one call used here (server/extension/package-extension.ts).
declare module 'crx3' {
  interface Crx3Options {
    keyPath: string;
    crxPath: string;
    zipPath?: string;
  }
  function crx3(files: string[], options: Crx3Options): Promise<{ appId: string }>;
  export default crx3;
}
