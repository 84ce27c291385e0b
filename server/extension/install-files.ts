/**
 * What an office's IT person needs to install the extension from this server, with the address filled in:
 * updates.xml (gupdate), Windows registry files for Chrome and Edge, the Linux policy JSON, and the zh-CN install page
 * (also printed by `npm run cli -- extension`). Pure: an id, a version and the server's address in, text out.
 */

export interface InstallInfo {
  id: string;
  version: string;
  /** The address browsers reach this server at, without a trailing slash. */
  baseUrl: string;
  /** The Firefox build the server serves (its fixed add-on id and version); null or absent: none on the server. */
  firefox?: { geckoId: string; version: string } | null;
}

export const updatesUrl = (info: Pick<InstallInfo, 'baseUrl'>): string => `${info.baseUrl}/ext/updates.xml`;
export const crxUrl = (info: Pick<InstallInfo, 'baseUrl'>): string => `${info.baseUrl}/ext/guatu.crx`;
export const firefoxZipUrl = (info: Pick<InstallInfo, 'baseUrl'>): string => `${info.baseUrl}/ext/guatu-firefox.zip`;

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The update manifest Chromium polls (https://developer.chrome.com/docs/extensions/how-to/distribute/host-on-linux). */
export function updatesXml(info: InstallInfo): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">`,
    `  <app appid="${xmlEscape(info.id)}">`,
    `    <updatecheck codebase="${xmlEscape(crxUrl(info))}" version="${xmlEscape(info.version)}" />`,
    `  </app>`,
    `</gupdate>`,
    '',
  ].join('\n');
}

/** ExtensionSettings: force-installed from this server, updates from its updates.xml. */
function extensionSettings(info: InstallInfo): Record<string, unknown> {
  return { [info.id]: { installation_mode: 'force_installed', update_url: updatesUrl(info) } };
}

/** What the extension reads from managed storage (public/managed-schema.json). */
function managedPolicy(info: InstallInfo): Record<string, string> {
  return { serverUrl: info.baseUrl, locale: 'zh-CN' };
}

const regString = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export type WindowsBrowser = 'chrome' | 'edge';
const POLICY_ROOT: Record<WindowsBrowser, string> = {
  chrome: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome',
  edge: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge',
};

/**
 * A .reg file (UTF-16 LE with BOM when served, as regedit expects for non-ASCII) for Chrome or Edge: the
 * force-install list, ExtensionSettings with update_url, and the extension's managed settings (3rdparty).
 */
export function windowsRegFile(info: InstallInfo, browser: WindowsBrowser): string {
  const root = POLICY_ROOT[browser];
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; 挂图作战 Guatu: install from ${info.baseUrl} (${browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'})`,
    `[${root}\\ExtensionInstallForcelist]`,
    `"1"=${regString(`${info.id};${updatesUrl(info)}`)}`,
    '',
    `[${root}]`,
    `"ExtensionSettings"=${regString(JSON.stringify(extensionSettings(info)))}`,
    '',
    `[${root}\\3rdparty\\extensions\\${info.id}\\policy]`,
    ...Object.entries(managedPolicy(info)).map(([name, value]) => `"${name}"=${regString(value)}`),
    '',
  ];
  return lines.join('\r\n');
}

/** The policy JSON for /etc/chromium/policies/managed/ and /etc/opt/chrome/policies/managed/ (Kylin, UOS, Debian). */
export function linuxPolicyJson(info: InstallInfo): string {
  return `${JSON.stringify(
    {
      ExtensionInstallForcelist: [`${info.id};${updatesUrl(info)}`],
      ExtensionSettings: extensionSettings(info),
      '3rdparty': { extensions: { [info.id]: managedPolicy(info) } },
    },
    null,
    2,
  )}\n`;
}

/** Firefox: the served zip, and what each kind of Firefox accepts (release Firefox installs only Mozilla-signed add-ons). */
function firefoxLines(info: InstallInfo): string[] {
  if (!info.firefox) {
    return ['本服务器没有火狐版扩展：请在服务器上运行 npm run build:firefox（生成 .output/firefox-mv2，或设置 FIREFOX_DIR），然后刷新本页。'];
  }
  return [
    `下载 ${firefoxZipUrl(info)}（火狐版，版本 ${info.firefox.version}，附加组件 ID：${info.firefox.geckoId}）。`,
    '火狐延长支持版（ESR）、开发者版：在 about:config 中把 xpinstall.signatures.required 设为 false，然后在 about:addons 点齿轮“从文件安装附加组件”，选择该 zip。',
    '普通版火狐只长期安装经过 Mozilla 签名的扩展：可在 about:debugging →“此 Firefox”→“临时载入附加组件”中选择该 zip 试用（浏览器重启后需重新载入）；长期使用请由信息中心向 Mozilla 申请签名（自行分发），或改用 Chrome / Edge。',
  ];
}

/** The install steps as plain zh-CN text (the CLI prints these; the page shows the same). */
export function installSteps(info: InstallInfo): Array<{ title: string; lines: string[] }> {
  const ext = `${info.baseUrl}/ext`;
  return [
    {
      title: '扩展信息',
      lines: [`扩展 ID：${info.id}`, `版本：${info.version}`, `更新地址：${updatesUrl(info)}`, `服务器地址：${info.baseUrl}`],
    },
    {
      title: '方式一（推荐）：Windows 上由信息中心通过策略统一安装（Chrome / Edge）',
      lines: [
        `下载 ${ext}/policy/chrome.reg（Chrome）或 ${ext}/policy/edge.reg（Edge），以管理员身份双击导入，或在域控的组策略中下发相同的键值。`,
        '重启浏览器后，扩展自动安装、不能被卸载，并从本服务器自动更新；设置页显示“服务器地址由单位设置”。',
        '注意：Chrome 和 Edge 只在加入域（或受云端管理）的 Windows 电脑上接受非应用商店扩展的强制安装；未加入域的电脑请用方式三。',
      ],
    },
    {
      title: '方式二：银河麒麟 / 统信 UOS 等 Linux 上由信息中心通过策略安装',
      lines: [
        `下载 ${ext}/policy/linux.json，以 root 复制到 /etc/chromium/policies/managed/guatu.json（Chromium）和 /etc/opt/chrome/policies/managed/guatu.json（Chrome）。`,
        '基于 Chromium 的国产浏览器若支持策略文件，目录见其说明；重启浏览器后生效，在地址栏打开 chrome://policy 可查看是否生效。',
      ],
    },
    {
      title: '方式三：单台电脑手动安装（不需要应用商店）',
      lines: [
        `下载 ${ext}/guatu.zip 并解压到一个长期保留的文件夹（如 D:\\挂图作战扩展），不要放在“下载”文件夹里以免被清理。`,
        '在浏览器地址栏打开 chrome://extensions（Edge：edge://extensions），打开“开发者模式”，点“加载已解压的扩展程序”，选择该文件夹。',
        `扩展 ID 应为 ${info.id}：每台电脑相同，本机数据不会因为重新安装而换到另一个空库。更新时用新的 zip 覆盖该文件夹，再点“重新加载”。`,
      ],
    },
    { title: '火狐（Firefox）', lines: firefoxLines(info) },
  ];
}
