// scripts/build-assets.mjs builds the stylesheet when imported; it exports nothing.
export {};
