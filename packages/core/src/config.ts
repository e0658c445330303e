import type { GalleyConfig, PostSchema } from './types.js'

/**
 * Identity function that gives a configuration its types.
 *
 * @param config
 *   Configuration.
 * @returns
 *   The same configuration.
 */
export function defineConfig<S extends PostSchema>(config: GalleyConfig<S>): GalleyConfig<S> {
  return config
}
