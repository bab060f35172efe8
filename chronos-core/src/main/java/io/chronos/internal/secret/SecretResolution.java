package io.chronos.internal.secret;

import io.chronos.secret.Secret;
import io.chronos.secret.SecretException;
import io.chronos.secret.SecretResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node's chain of resolvers for secret references: the host's first, then env: and sys:. */
public final class SecretResolution {
  private final List<SecretResolver> resolvers;

  public SecretResolution(List<SecretResolver> hostResolvers) {
    List<SecretResolver> chain = new ArrayList<>(hostResolvers);
    chain.add(name -> prefixed(name, "env:").map(System::getenv));
    chain.add(name -> prefixed(name, "sys:").map(System::getProperty));
    this.resolvers = List.copyOf(chain);
  }

  private static Optional<String> prefixed(String name, String prefix) {
    return name.startsWith(prefix)
        ? Optional.of(name.substring(prefix.length()))
        : Optional.empty();
  }

  /** The clear value of a secret; throws naming the reference when nothing resolves it. */
  public String resolve(Secret secret) {
    if (secret instanceof Secret.Value value) {
      return value.value();
    }
    String name = ((Secret.Ref) secret).name();
    for (SecretResolver resolver : resolvers) {
      Optional<String> value = resolver.resolve(name);
      if (value != null && value.isPresent() && value.get() != null) {
        return value.get();
      }
    }
    throw new SecretException("No resolver knows the secret reference '" + name + "'");
  }
}
