// Preloaded (NODE_OPTIONS=--require) into every command the rehearsal runs in the installed folder: a
// connection to anything but loopback fails loudly, so a hidden download (a model hub, a CDN, the
// registry) at run time shows up instead of passing on a machine that happens to be online.
const net = require('node:net');

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function (...args) {
  // net.connect() hands over its normalized [options, callback] pair as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  const host = options.host ?? 'localhost';
  if (!options.path && !LOOPBACK.test(host)) {
    throw new Error(`headroom rehearsal: a connection to ${host}:${options.port} was attempted; the installed packages must not need the network at run time`);
  }
  return connect.apply(this, args);
};
