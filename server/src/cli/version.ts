import packageJson from '../../../package.json' with { type: 'json' };

/** The package version (bundled in at build time, so it is right wherever the bundle is copied). */
export const VERSION: string = packageJson.version;
