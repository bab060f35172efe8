package io.chronos.secret;

import java.util.Objects;

/**
 * A secret inside a payload (a password, a token, an API key). Either a reference, resolved by name
 * when the run starts and never stored ({@code Secret.ref("env:API_TOKEN")}), or a value, stored
 * encrypted with the node's secret key ({@code ChronosBuilder.secretKey}). Either way it is masked
 * in audit events, API views and {@link #toString()}, and executors read it only through {@code
 * ExecutionContext.secret(...)}.
 */
public sealed interface Secret permits Secret.Ref, Secret.Value {

  /**
   * A secret resolved by name at run time. Built-in prefixes: {@code env:NAME} (environment
   * variable) and {@code sys:NAME} (system property); a host adds its own resolvers (a vault,
   * Spring properties) on the builder.
   *
   * @param name the reference
   */
  record Ref(String name) implements Secret {
    public Ref {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return "ref:" + name;
    }
  }

  /**
   * A secret given as its value, stored encrypted (AES-GCM) with the node's secret key.
   *
   * @param value the clear value; never printed
   */
  record Value(String value) implements Secret {
    public Value {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "******";
    }
  }

  /** A reference resolved at run time. */
  static Secret ref(String name) {
    return new Ref(name);
  }

  /** A value stored encrypted. */
  static Secret of(String value) {
    return new Value(value);
  }
}
