// Loaded with `node --require ./resolve.js`: every TCP connection to a
// vendor hostname on port 443 goes to the pushcheck sandbox instead, as
// PUSHCHECK_RESOLVE or curl's --connect-to would do. TLS still names and
// verifies the vendor's hostname (trust the sandbox CA with
// NODE_EXTRA_CA_CERTS).
//
//   SANDBOX_RESOLVE  the settings' map: "api.push.apple.com:443=127.0.0.1:8443,…"
'use strict';
const net = require('net');

const pins = new Map();
for (const pair of (process.env.SANDBOX_RESOLVE || '').split(',')) {
  const [from, to] = pair.split('=');
  if (!from || !to) continue;
  const i = to.lastIndexOf(':');
  pins.set(from.toLowerCase(), { host: to.slice(0, i), port: Number(to.slice(i + 1)) });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = args[0];
  if (options && typeof options === 'object' && !Array.isArray(options) && typeof options.host === 'string') {
    const pin = pins.get(`${options.host.toLowerCase()}:${options.port || 443}`);
    if (pin) args[0] = { ...options, host: pin.host, port: pin.port };
  }
  return connect.apply(this, args);
};
