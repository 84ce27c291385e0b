/**
 * Chrome's basic notifications need an icon; a 32×32 PNG (red frame, 挂图 grid) inlined as a data URL so the worker
 * does not depend on packaged icon files.
 */
export const NOTIFICATION_ICON_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAASUlEQVR4nGM4Iiv7fyAxw6gDkDnYwIuuLqzilMiPOmDUATgdAFJMDzx4Q2DUAaMOGHXAaDkw6oBRB4w6YLQcGHXAgDtgIPCoAwAh76Z+gJGPTgAAAABJRU5ErkJggg==';
