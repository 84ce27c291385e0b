/**
 * The extension served from the intranet (no web store): GET /ext/guatu.crx (CRX3 signed with the server's key),
 * /ext/updates.xml (installed copies update themselves from here), /ext/guatu.zip (load unpacked; same id),
 * /ext/guatu-firefox.zip (the Firefox build, for about:debugging or a Firefox that accepts unsigned add-ons),
 * /ext/policy/{chrome,edge}.reg and /ext/policy/linux.json (policies with this server's address filled in), and
 * GET /install (also /ext/): the zh-CN page explaining each path. The build is packed on the first request and again
 * whenever the build's manifest changes (a new `npm run build`).
 */
import { stat, readFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { Logger } from '../log';
import type { SigningKey } from '../extension/extension-key';
import { installSteps, linuxPolicyJson, updatesUrl, updatesXml, windowsRegFile, type InstallInfo } from '../extension/install-files';
import { packageExtension, type ExtensionPackage } from '../extension/package-extension';
import { FIREFOX_ZIP_FILE_NAME, packageFirefox } from '../extension/package-firefox';
import { sendError, type RestEnv } from './respond';

export interface ExtensionRoutesOptions {
  /** The built extension (`wxt build` output: WALL_DIR). */
  buildDir: string;
  /** The Firefox build (`npm run build:firefox` output: FIREFOX_DIR), zipped as it is; null: none served. */
  firefoxBuildDir: string | null;
  /** Where the packed files go (DATA_DIR/extension). */
  outDir: string;
  /** The signing key (loaded, or generated into DATA_DIR, at the server's start). */
  key: SigningKey;
  /**
   * The address baked into the packed extension as its update URL: PUBLIC_URL, else where the server listens. Never
   * a request's Host header: the first caller, signed in or not, would otherwise choose it for every install after.
   */
  baseUrl: () => string;
  logger: Logger;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The install page: every step of installSteps, links where a line names a file on this server. */
export function installPage(info: InstallInfo | null, key: SigningKey): string {
  const body = info
    ? installSteps(info)
        .map(
          (step) =>
            `<section><h2>${escapeHtml(step.title)}</h2><ol>${step.lines
              .map((line) => `<li>${escapeHtml(line).replace(/(https?:\/\/[^\s（）]+\/ext\/[^\s（）]+)/g, '<a href="$1">$1</a>')}</li>`)
              .join('')}</ol></section>`,
        )
        .join('\n')
    : `<p class="warn">服务器上还没有构建好的扩展：请在服务器上运行 <code>npm run build</code>（生成 .output/chrome-mv3，或设置 WALL_DIR），然后刷新本页。扩展 ID 将是 ${escapeHtml(key.id)}。</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>安装挂图作战扩展</title>
<style>body{font:15px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#1f2328}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}code,a{word-break:break-all}.warn{background:#fff4e5;padding:8px 12px;border-radius:6px}</style>
</head><body><h1>安装挂图作战扩展（内网，无需应用商店）</h1>
${body}
</body></html>`;
}

/**
 * What `pack` makes of the build in `buildDir`, made again whenever the build's manifest changes (a new build); null
 * while there is no build. Two first requests share one packing.
 */
function packedOnChange<T>(buildDir: string, pack: () => Promise<T | null>, onPacked: (done: T) => void, logger: Logger): () => Promise<T | null> {
  let packed: { mtimeMs: number; pkg: Promise<T | null> } | null = null;
  return async () => {
    const manifest = await stat(join(buildDir, 'manifest.json')).catch(() => null);
    if (!manifest) return null;
    if (!packed || packed.mtimeMs !== manifest.mtimeMs) {
      // set before anything is awaited: two first requests share one packing instead of racing in one staging folder
      const pkg = pack();
      packed = { mtimeMs: manifest.mtimeMs, pkg };
      pkg.then(
        (done) => done && onPacked(done),
        (error: unknown) => {
          logger.error({ err: error, buildDir }, 'packing the extension failed');
          packed = null;
        },
      );
    }
    return packed.pkg;
  };
}

export function extensionRoutes(options: ExtensionRoutesOptions): Hono<RestEnv> {
  const { key, logger } = options;
  const baseUrlOf = (): string => options.baseUrl().replace(/\/+$/, '');

  /** The current Chromium build, packed and signed; null when there is none. */
  const current = packedOnChange(
    options.buildDir,
    () =>
      mkdir(options.outDir, { recursive: true }).then(() =>
        packageExtension({ buildDir: options.buildDir, outDir: options.outDir, key, updateUrl: updatesUrl({ baseUrl: baseUrlOf() }) }),
      ),
    (done) => logger.info({ id: done.id, version: done.version }, 'extension packed for intranet installs'),
    logger,
  );
  /** The current Firefox build, zipped; null when there is none (or no Firefox build is configured). */
  const { firefoxBuildDir } = options;
  const currentFirefox = firefoxBuildDir
    ? packedOnChange(
        firefoxBuildDir,
        () => packageFirefox({ buildDir: firefoxBuildDir, outDir: options.outDir }),
        (done) => logger.info({ geckoId: done.geckoId, version: done.version }, 'Firefox extension packed for intranet installs'),
        logger,
      )
    : () => Promise.resolve(null);

  async function info(): Promise<{ pkg: ExtensionPackage; info: InstallInfo } | null> {
    const [pkg, firefox] = await Promise.all([current(), currentFirefox().catch(() => null)]);
    const firefoxInfo = firefox ? { geckoId: firefox.geckoId, version: firefox.version } : null;
    return pkg ? { pkg, info: { id: pkg.id, version: pkg.version, baseUrl: baseUrlOf(), firefox: firefoxInfo } } : null;
  }

  const notBuilt = (c: Context): Response => sendError(c, 503, 'extension_not_built', 'ops.ext.notBuilt');
  const download = (name: string, type: string) => ({
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-cache',
  });

  const page = async (c: Context): Promise<Response> => c.html(installPage((await info())?.info ?? null, key), 200, { 'cache-control': 'no-cache' });

  return new Hono<RestEnv>()
    .get('/install', page)
    .get('/ext/', page)
    .get('/ext/updates.xml', async (c) => {
      const found = await info();
      if (!found) return notBuilt(c);
      return c.body(updatesXml(found.info), 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-cache' });
    })
    .get('/ext/guatu.crx', async (c) => {
      const found = await info();
      if (!found) return notBuilt(c);
      return c.body(new Uint8Array(await readFile(found.pkg.crxPath)), 200, download('guatu.crx', 'application/x-chrome-extension'));
    })
    .get('/ext/guatu.zip', async (c) => {
      const found = await info();
      if (!found) return notBuilt(c);
      return c.body(new Uint8Array(await readFile(found.pkg.zipPath)), 200, download(`guatu-${found.pkg.version}.zip`, 'application/zip'));
    })
    .get(`/ext/${FIREFOX_ZIP_FILE_NAME}`, async (c) => {
      const firefox = await currentFirefox();
      if (!firefox) return sendError(c, 503, 'firefox_extension_not_built', 'ops.ext.firefoxNotBuilt');
      return c.body(new Uint8Array(await readFile(firefox.zipPath)), 200, download(`guatu-${firefox.version}-firefox.zip`, 'application/zip'));
    })
    .get('/ext/policy/:file{(chrome|edge)\\.reg}', async (c) => {
      const found = await info();
      if (!found) return notBuilt(c);
      const browser = c.req.param('file') === 'edge.reg' ? 'edge' : 'chrome';
      // regedit reads UTF-16 LE with a byte-order mark (the file has Chinese in it)
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(windowsRegFile(found.info, browser), 'utf16le')]);
      return c.body(new Uint8Array(bytes), 200, download(`guatu-${browser}.reg`, 'application/octet-stream'));
    })
    .get('/ext/policy/linux.json', async (c) => {
      const found = await info();
      if (!found) return notBuilt(c);
      return c.body(linuxPolicyJson(found.info), 200, download('guatu.json', 'application/json; charset=utf-8'));
    });
}
