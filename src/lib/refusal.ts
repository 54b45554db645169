/**
 * A start refused for a reason the operator can act on: the data directory belongs to another
 * running process, the port is taken, a configuration value is wrong. `npm start` prints the
 * message alone, on one line, and exits 1; any other failure prints its stack.
 */
export class StartupRefusal extends Error {
  override name = 'StartupRefusal';
}
