import { type CachedRender, createRenderFunction, type RenderInput } from '@galley/core'
import Tinypool from 'tinypool'
import { loadConfig } from './config.js'

/** What a render worker gets from the main thread. */
export interface WorkerSettings {
  /** Folder of the site. */
  cwd: string
  /** `--config`, if given. */
  config: string | undefined
  /** The content folder given on the command line, if any. */
  dir: string | undefined
  /** `[path of a .md file, URL]` of every entry of the build. */
  routes: Array<[string, string]>
}

let render: Promise<(input: RenderInput) => Promise<CachedRender>> | undefined

/**
 * Render one file in a worker thread: the config is loaded once per worker,
 * as the main thread loaded it, and the processor built once.
 *
 * @param input
 *   File path and content.
 * @returns
 *   The render, as JSON-safe data.
 */
export default async function renderInWorker(input: RenderInput): Promise<CachedRender> {
  if (!render) {
    const settings = Tinypool.workerData as WorkerSettings
    render = loadConfig(settings.cwd, settings.config, settings.dir).then(({ config }) =>
      createRenderFunction(config, settings.routes)
    )
  }
  return (await render)(input)
}
