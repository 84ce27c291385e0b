import QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG data URL, for an <img>: vector (sharp on screen and on paper, any size), no canvas
 * and no innerHTML. Error correction M survives a crumpled printout; the quiet zone is kept small for the screen.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
