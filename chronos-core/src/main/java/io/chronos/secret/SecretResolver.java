package io.chronos.secret;

import java.util.Optional;

/**
 * Resolves {@link Secret.Ref} names when a run starts. Resolvers are asked in the order they were
 * registered; the first that knows the name wins; the built-in {@code env:} and {@code sys:}
 * resolvers come last.
 */
@FunctionalInterface
public interface SecretResolver {

  /** The value for the name, or empty when this resolver does not know it. */
  Optional<String> resolve(String name);
}
