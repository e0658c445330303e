import net from 'node:net'

// Every network test talks to servers it starts on 127.0.0.1. Any attempt to
// connect anywhere else fails the test instead of leaving the machine.
const loopback = new Set(['127.0.0.1', '::1', 'localhost'])
const connect = net.Socket.prototype.connect

net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
  // `net.connect` passes its normalized arguments as one array.
  const [raw] = args
  const first: unknown = Array.isArray(raw) ? raw[0] : raw
  const options = (typeof first === 'object' && first !== null ? first : { host: args[1] }) as {
    host?: string
    path?: string
  }
  if (!options.path && !loopback.has(options.host ?? 'localhost')) {
    throw new Error(`Test tried to reach \`${String(options.host)}\`: only loopback is allowed`)
  }
  return (connect as (...values: unknown[]) => net.Socket).apply(this, args)
} as typeof net.Socket.prototype.connect
