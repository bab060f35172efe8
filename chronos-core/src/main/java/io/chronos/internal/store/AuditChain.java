package io.chronos.internal.store;

import io.chronos.audit.ChainVerification;
import io.chronos.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail's hash chain. Writers append events unsealed (no contention on the write path); a
 * sealer, on whichever node gets the chain head's lock, gives the unsealed events in id order the
 * next sequence numbers and SHA-256 hashes over their stored content and the previous hash.
 */
public final class AuditChain {
  /** The hash before the first event. */
  public static final String GENESIS = "0".repeat(64);

  private static final int BATCH = 500;
  private static final String COLUMNS =
      "id, actor_id, actor_role, action, entity_type, entity_id, before_json, after_json,"
          + " node_id, occurred_at, seq, prev_hash, hash";

  private final Db db;
  private final Tables t;
  private final String chain;

  public AuditChain(Db db) {
    this.db = db;
    this.t = db.tables();
    this.chain = t.auditChain;
  }

  private record Row(String id, String content, long seq, String prevHash, String hash) {}

  /** Seals up to one batch of unsealed events; returns how many (0 when another node seals). */
  public int sealPending() {
    return db.inTransaction(
        () -> {
          List<Object[]> head =
              db.jdbc()
                  .query(
                      "SELECT seq, last_hash FROM "
                          + chain
                          + " WHERE id = 1"
                          + db.dialect().skipLocked(),
                      (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
          if (head.isEmpty()) {
            return 0;
          }
          long seq = (Long) head.get(0)[0];
          String last = (String) head.get(0)[1];
          List<Row> pending =
              db.jdbc()
                  .query(
                      "SELECT "
                          + COLUMNS
                          + " FROM "
                          + t.auditEvents
                          + " WHERE seq IS NULL ORDER BY id LIMIT "
                          + BATCH,
                      (rs, i) -> row(rs));
          List<Object[]> updates = new ArrayList<>();
          for (Row row : pending) {
            seq++;
            String hash = hash(last, seq, row.content());
            updates.add(new Object[] {seq, last, hash, row.id()});
            last = hash;
          }
          if (!updates.isEmpty()) {
            db.jdbc()
                .batchUpdate(
                    "UPDATE "
                        + t.auditEvents
                        + " SET seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND seq IS NULL",
                    updates);
            db.jdbc()
                .update("UPDATE " + chain + " SET seq = ?, last_hash = ? WHERE id = 1", seq, last);
          }
          return updates.size();
        });
  }

  /** Recomputes the chain from the first event; stops at the first broken link. */
  public ChainVerification verify() {
    String previous = GENESIS;
    long expectedSeq = 1;
    long checked = 0;
    while (true) {
      List<Row> rows =
          db.jdbc()
              .query(
                  "SELECT "
                      + COLUMNS
                      + " FROM "
                      + t.auditEvents
                      + " WHERE seq >= ? ORDER BY seq LIMIT "
                      + BATCH,
                  (rs, i) -> row(rs),
                  expectedSeq);
      if (rows.isEmpty()) {
        return new ChainVerification(true, checked, null, null);
      }
      for (Row row : rows) {
        if (row.seq() != expectedSeq) {
          return broken(checked, row.id(), "sequence " + expectedSeq + " is missing (deleted?)");
        }
        if (!previous.equals(row.prevHash())) {
          return broken(checked, row.id(), "does not link to the previous event's hash");
        }
        if (!hash(previous, row.seq(), row.content()).equals(row.hash())) {
          return broken(checked, row.id(), "content does not match its hash (changed?)");
        }
        previous = row.hash();
        expectedSeq++;
        checked++;
      }
    }
  }

  private static ChainVerification broken(long checked, String id, String problem) {
    return new ChainVerification(false, checked, id, problem);
  }

  private Row row(ResultSet rs) throws SQLException {
    // The stored values, as read back, are what is hashed: sealing and verifying see the same text.
    String content =
        Json.write(
            Arrays.asList(
                rs.getString("id"),
                rs.getString("actor_id"),
                rs.getString("actor_role"),
                rs.getString("action"),
                rs.getString("entity_type"),
                rs.getString("entity_id"),
                rs.getString("before_json"),
                rs.getString("after_json"),
                rs.getString("node_id"),
                String.valueOf(db.instant(rs, "occurred_at"))));
    long seq = rs.getLong("seq");
    return new Row(
        rs.getString("id"),
        content,
        rs.wasNull() ? 0 : seq,
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }

  static String hash(String previous, long seq, String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
