/**
 * `f` applied to a value that may still be coming: at once when it is there (a row or page read
 * along with its parent), after it when it is a promise. Resolvers that return plain values let
 * GraphQL complete a field without a promise.
 */
export function andThen<T, U>(value: T | Promise<T>, f: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}
