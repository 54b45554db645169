/** Logs one entry; the API writes one line of JSON per entry. */
export type Logger = (entry: Record<string, unknown>) => void;

/** One line of JSON on stdout, with the time. */
export const jsonLogger: Logger = (entry) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), ...entry }));
