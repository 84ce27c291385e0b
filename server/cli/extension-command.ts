/**
 * `npm run cli -- extension [--url http://HOST:PORT]`: what /install shows (the extension id, where to download it,
 * each way to install it, Firefox's zip when the server has a Firefox build) and the policy files with the server's
 * address filled in, for an IT person at a terminal.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { t } from '../../shared/i18n';
import type { AppConfig } from '../config';
import { loadSigningKey } from '../extension/extension-key';
import { installSteps, linuxPolicyJson, windowsRegFile } from '../extension/install-files';
import { geckoIdOf } from '../extension/package-firefox';
import { EXIT } from './commands';
import type { BareCliContext } from './context';

function builtManifest(buildDir: string): Record<string, unknown> | null {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(buildDir, 'manifest.json'), 'utf8'));
    return typeof manifest === 'object' && manifest !== null ? (manifest as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function builtVersion(buildDir: string): string | null {
  const version = builtManifest(buildDir)?.version;
  return typeof version === 'string' ? version : null;
}

/** The Firefox build the server would serve: its fixed add-on id and version; null when there is none. */
function builtFirefox(buildDir: string | null): { geckoId: string; version: string } | null {
  const manifest = buildDir === null ? null : builtManifest(buildDir);
  const geckoId = manifest ? geckoIdOf(manifest) : null;
  return manifest && geckoId && typeof manifest.version === 'string' ? { geckoId, version: manifest.version } : null;
}

export function extensionCommand(ctx: BareCliContext, config: AppConfig, url: string | undefined): Promise<number> {
  mkdirSync(config.dataDir, { recursive: true });
  const key = loadSigningKey({ dataDir: config.dataDir, keyFile: config.extensionKeyFile ?? null });
  if (key.generated) ctx.err(t(ctx.locale, 'ops.ext.keyGenerated', { file: key.path }));
  const baseUrl = (url ?? config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, '');
  if (!url && !config.publicUrl && ['0.0.0.0', '::'].includes(config.host)) ctx.err(t(ctx.locale, 'ops.ext.noPublicUrl', { host: config.host }));
  const version = builtVersion(config.wallDir);
  if (version === null) ctx.err(t(ctx.locale, 'ops.ext.notBuilt'));
  const info = { id: key.id, version: version ?? '?', baseUrl, firefox: builtFirefox(config.firefoxDir ?? null) };
  for (const step of installSteps(info)) {
    ctx.out(`== ${step.title}`);
    for (const line of step.lines) ctx.out(`  ${line}`);
    ctx.out('');
  }
  ctx.out(`== ${baseUrl}/ext/policy/linux.json`);
  ctx.out(linuxPolicyJson(info).trimEnd());
  ctx.out('');
  ctx.out(`== ${baseUrl}/ext/policy/chrome.reg`);
  ctx.out(windowsRegFile(info, 'chrome').replace(/\r\n/g, '\n').trimEnd());
  return Promise.resolve(version === null ? EXIT.refused : EXIT.ok);
}
