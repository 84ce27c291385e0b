export * from './close-codes';
export * from './messages';
export * from './decode-message';
export * from './encode-message';
