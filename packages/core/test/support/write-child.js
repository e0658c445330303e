// A build's write, run in a child process for `kill.test.ts` to kill.
import { writeSite } from '@galley/core/node'
import { siteFiles } from './kill-site.js'

const [out, records, version] = process.argv.slice(2)
process.stdout.write('ready\n')
await writeSite(out, siteFiles(version), { records })
process.stdout.write('done\n')
