package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.evidence.SealedDocumentRecords.SealedDocumentRecord;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.sealing.SigningRequest;
import cn.certhall.domain.sealing.SigningRequests;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing requests of the channels ({@code signing_request}, V40). */
public final class SigningRequestRepository implements SigningRequests {
  private static final String COLUMNS =
      "id, channel_id, credit_code, organization_name, file_name, status, created_at, expires_at,"
          + " claimed_by, sealed_at";

  private final JdbcClient jdbc;

  public SigningRequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(NewRequest r) {
    jdbc.sql(
            "INSERT INTO signing_request (id, channel_id, credit_code, organization_name,"
                + " file_name, document, document_sha256, placement_page, placement_x,"
                + " placement_y, placement_anchor, seal_width, token_hash, status, created_at,"
                + " expires_at, algorithm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.id(),
            r.channelId(),
            r.creditCode(),
            r.organizationName(),
            r.fileName(),
            r.document(),
            r.documentSha256(),
            r.placement().page(),
            r.placement().x(),
            r.placement().y(),
            r.placement().anchor(),
            r.placement().width(),
            r.tokenHash(),
            SigningRequest.Status.WAITING.name(),
            utc(r.createdAt()),
            utc(r.expiresAt()),
            r.algorithm())
        .update();
  }

  @Override
  public Optional<SigningRequest> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signing_request WHERE id = ?")
        .param(id)
        .query(SigningRequestRepository::request)
        .optional();
  }

  /** The request of a channel; another channel's is "not found". */
  @Override
  public Optional<SigningRequest> find(String channelId, String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signing_request WHERE id = ? AND channel_id = ?")
        .params(id, channelId)
        .query(SigningRequestRepository::request)
        .optional();
  }

  @Override
  public Optional<SigningRequest> findByTokenHash(String tokenHash) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM signing_request WHERE token_hash = ?")
        .param(tokenHash)
        .query(SigningRequestRepository::request)
        .optional();
  }

  @Override
  public byte[] document(String id) {
    return jdbc.sql("SELECT document FROM signing_request WHERE id = ?")
        .param(id)
        .query((rs, n) -> rs.getBytes(1))
        .single();
  }

  @Override
  public String documentSha256(String id) {
    return jdbc.sql("SELECT document_sha256 FROM signing_request WHERE id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  /**
   * The algorithm family the request seals with ({@code SM2}, {@code ECDSA}); empty for a request
   * made before requests named one (the organization's first certificate).
   */
  @Override
  public Optional<String> algorithm(String id) {
    return jdbc.sql("SELECT algorithm FROM signing_request WHERE id = ?")
        .param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .single();
  }

  @Override
  public Placement placement(String id) {
    return jdbc.sql(
            "SELECT placement_page, placement_x, placement_y, placement_anchor, seal_width"
                + " FROM signing_request WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Placement(
                    (Integer) rs.getObject("placement_page", Integer.class),
                    (Double) rs.getObject("placement_x", Double.class),
                    (Double) rs.getObject("placement_y", Double.class),
                    rs.getString("placement_anchor"),
                    rs.getDouble("seal_width")))
        .single();
  }

  /** The signed PDF of a sealed request of the channel. */
  @Override
  public Optional<byte[]> signedDocument(String channelId, String id) {
    return jdbc.sql(
            "SELECT signed_document FROM signing_request WHERE id = ? AND channel_id = ?"
                + " AND status = ?")
        .params(id, channelId, SigningRequest.Status.SEALED.name())
        .query((rs, n) -> rs.getBytes(1))
        .optional();
  }

  /**
   * The first opening of the link: claims the request for the administrator, unless someone else
   * claimed it first.
   *
   * @return true if it is now (or was already) claimed by this administrator
   */
  @Override
  public boolean claim(String id, String mobile, Instant now) {
    jdbc.sql(
            "UPDATE signing_request SET claimed_by = ?, claimed_at = ? WHERE id = ?"
                + " AND claimed_by IS NULL")
        .params(mobile, utc(now), id)
        .update();
    return mobile.equals(
        jdbc.sql("SELECT claimed_by FROM signing_request WHERE id = ?")
            .param(id)
            .query(String.class)
            .optional()
            .orElse(null));
  }

  /**
   * Stores the sealed PDF, once: only a waiting request claimed by this administrator moves.
   *
   * @return false if another sealing of the request got there first
   */
  @Override
  public boolean sealed(
      String id,
      String mobile,
      byte[] signed,
      byte[] authorization,
      String caName,
      BigInteger serial,
      Instant now) {
    return jdbc.sql(
                "UPDATE signing_request SET status = ?, signed_document = ?,"
                    + " authorization_signature = ?, ca_name = ?, certificate_serial = ?,"
                    + " sealed_at = ? WHERE id = ? AND status = ? AND claimed_by = ?")
            .params(
                SigningRequest.Status.SEALED.name(),
                signed,
                authorization,
                caName,
                serial.toString(16),
                utc(now),
                id,
                SigningRequest.Status.WAITING.name(),
                mobile)
            .update()
        == 1;
  }

  /**
   * What the evidence report shows of a request: the request, its document's hash and size, the
   * placement, the claim, and once sealed the certificate, the sealed PDF's and the authorization
   * signature's SHA-256 and sizes (computed here, the bytes are not handed out). The audit subject
   * of the administrator is the caller's to add.
   */
  public Optional<SealedDocumentRecord> evidence(String id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", document_sha256, OCTET_LENGTH(document) AS document_size,"
                + " placement_page, placement_x, placement_y, placement_anchor, seal_width, claimed_at,"
                + " ca_name, certificate_serial, signed_document, authorization_signature"
                + " FROM signing_request WHERE id = ?")
        .param(id)
        .query(
            (rs, n) -> {
              byte[] signed = rs.getBytes("signed_document");
              byte[] authorization = rs.getBytes("authorization_signature");
              OffsetDateTime claimed = rs.getObject("claimed_at", OffsetDateTime.class);
              return new SealedDocumentRecord(
                  request(rs, n),
                  rs.getString("document_sha256"),
                  rs.getLong("document_size"),
                  (Integer) rs.getObject("placement_page", Integer.class),
                  (Double) rs.getObject("placement_x", Double.class),
                  (Double) rs.getObject("placement_y", Double.class),
                  rs.getString("placement_anchor"),
                  rs.getDouble("seal_width"),
                  claimed == null ? null : claimed.toInstant(),
                  null,
                  rs.getString("ca_name"),
                  rs.getString("certificate_serial"),
                  signed == null ? null : MaterialStore.sha256(signed),
                  signed == null ? 0 : signed.length,
                  authorization == null ? null : MaterialStore.sha256(authorization),
                  authorization == null ? 0 : authorization.length);
            })
        .optional();
  }

  private static SigningRequest request(ResultSet rs, int n) throws SQLException {
    OffsetDateTime sealed = rs.getObject("sealed_at", OffsetDateTime.class);
    return new SigningRequest(
        rs.getString("id"),
        rs.getString("channel_id"),
        rs.getString("credit_code"),
        rs.getString("organization_name"),
        rs.getString("file_name"),
        SigningRequest.Status.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
        rs.getString("claimed_by"),
        sealed == null ? null : sealed.toInstant());
  }

  /**
   * Deletes the requests made before {@code cutoff}, their PDFs and sealed PDFs with them (both are
   * columns of the row): one statement, idempotent, so two nodes may run it at once.
   *
   * @return how many were deleted
   */
  public int deleteCreatedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM signing_request WHERE created_at < ?").param(utc(cutoff)).update();
  }
}
