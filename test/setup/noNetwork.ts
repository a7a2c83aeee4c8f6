/**
 * The `unit` jest project's promise: no sockets. jest.config.js sorts every test file that reaches the
 * emulator (or opens a server) into `integration`; this catches what that scan missed, with the fix in
 * the message. Core modules are shared by all test files of a jest worker, so the guard is lifted after
 * the file.
 */
import net from 'node:net';

const { listen } = net.Server.prototype;
const { connect } = net.Socket.prototype;
const refuse = (what: string) =>
	function (): never {
		throw new Error(
			`${what} in a test of the "unit" jest project, which must not use the network; ` +
				'jest.config.js puts a test that starts the emulator or a server into "integration": make the import visible to it',
		);
	};
net.Server.prototype.listen = refuse('a server listens') as typeof listen;
net.Socket.prototype.connect = refuse('a socket connects') as typeof connect;

afterAll(() => {
	net.Server.prototype.listen = listen;
	net.Socket.prototype.connect = connect;
});
