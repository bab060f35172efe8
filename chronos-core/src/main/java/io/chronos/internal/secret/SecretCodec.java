package io.chronos.internal.secret;

import io.chronos.FieldError;
import io.chronos.ValidationException;
import io.chronos.secret.Secret;
import io.chronos.secret.SecretException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.annotation.Nullable;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a secret is stored: {@code ref:<name>} for a reference, {@code
 * enc:v1:<base64(iv|ciphertext)>} for a value encrypted with AES-256-GCM under the node's key.
 * Without a key, values cannot be stored (the save is refused) or read.
 */
public final class SecretCodec {
  private static final String REF = "ref:";
  private static final String ENC = "enc:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final @Nullable SecretKey key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param base64Key a 256-bit AES key in base64, or null when none is configured
   */
  public SecretCodec(@Nullable String base64Key) {
    this.key = base64Key == null ? null : parseKey(base64Key);
  }

  /** Checks a configured key; throws IllegalArgumentException naming the problem. */
  public static SecretKey parseKey(String base64Key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secretKey must be base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException(
          "secretKey must be 32 bytes (256 bits) in base64, was " + bytes.length + " bytes");
    }
    return new SecretKeySpec(bytes, "AES");
  }

  public String encode(Secret secret) {
    if (secret instanceof Secret.Ref ref) {
      return REF + ref.name();
    }
    if (key == null) {
      throw new ValidationException(
          List.of(
              new FieldError(
                  "payload",
                  "a secret given as a value needs a secret key (ChronosBuilder.secretKey or"
                      + " chronos.secret-key) to be stored encrypted; or use Secret.ref(...)")));
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] cipherText =
          cipher.doFinal(((Secret.Value) secret).value().getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + cipherText.length).put(iv).put(cipherText);
      return ENC + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new SecretException("Cannot encrypt a secret: " + e.getClass().getSimpleName(), e);
    }
  }

  public Secret decode(String stored) {
    if (stored.startsWith(REF)) {
      return new Secret.Ref(stored.substring(REF.length()));
    }
    if (!stored.startsWith(ENC)) {
      throw new SecretException("A stored secret has an unknown format");
    }
    if (key == null) {
      throw new SecretException(
          "A stored secret is encrypted but this node has no secret key configured");
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(ENC.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      return new Secret.Value(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretException(
          "A stored secret cannot be decrypted with this node's key (was the key changed?)", e);
    }
  }
}
