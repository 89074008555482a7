package cn.certhall.app.persistence;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Electronic seals and the seal makers that sign them (V20__seals.sql). Insert-only. */
public final class SealRepository {
  private static final String SEAL_COLUMNS =
      "es_id, credit_code, organization_name, ca_name, certificate_serial, source, image_sha256,"
          + " image_png, width_mm, height_mm, seseal, maker_serial, valid_from, valid_to,"
          + " created_at";

  private final JdbcClient jdbc;

  public SealRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A seal maker's certificate and key alias. */
  public record MakerRecord(
      String caName, BigInteger serial, String keyAlias, byte[] certificate, Instant notAfter) {}

  /**
   * A stored seal.
   *
   * @param source {@code DRAWN} or {@code COLLECTION_FORM}
   * @param seseal the GB/T 38540 SESeal, DER
   */
  public record SealRow(
      String esId,
      String creditCode,
      String organizationName,
      String caName,
      BigInteger certificateSerial,
      String source,
      String imageSha256,
      byte[] imagePng,
      int widthMm,
      int heightMm,
      byte[] seseal,
      BigInteger makerSerial,
      Instant validFrom,
      Instant validTo,
      Instant createdAt) {

    @Override
    public String toString() {
      return "SealRow["
          + esId
          + " "
          + caName
          + " "
          + certificateSerial.toString(16)
          + " "
          + source
          + "]";
    }
  }

  public Optional<MakerRecord> currentMaker(String caName) {
    return jdbc.sql(
            "SELECT ca_name, serial, key_alias, certificate, not_after FROM seal_maker"
                + " WHERE ca_name = ? ORDER BY not_after DESC FETCH FIRST 1 ROWS ONLY")
        .param(caName)
        .query(
            (rs, n) ->
                new MakerRecord(
                    rs.getString("ca_name"),
                    new BigInteger(rs.getString("serial"), 16),
                    rs.getString("key_alias"),
                    rs.getBytes("certificate"),
                    rs.getObject("not_after", OffsetDateTime.class).toInstant()))
        .optional();
  }

  public void insertMaker(MakerRecord maker) {
    jdbc.sql(
            "INSERT INTO seal_maker (ca_name, serial, key_alias, certificate, not_after,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            maker.caName(),
            maker.serial().toString(16),
            maker.keyAlias(),
            maker.certificate(),
            DbTime.utc(maker.notAfter()),
            DbTime.utc(Instant.now()))
        .update();
  }

  /**
   * Stores a seal.
   *
   * @throws org.springframework.dao.DuplicateKeyException if the certificate has a seal already
   */
  public void insert(SealRow seal) {
    jdbc.sql(
            "INSERT INTO seal ("
                + SEAL_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            seal.esId(),
            seal.creditCode(),
            seal.organizationName(),
            seal.caName(),
            seal.certificateSerial().toString(16),
            seal.source(),
            seal.imageSha256(),
            seal.imagePng(),
            seal.widthMm(),
            seal.heightMm(),
            seal.seseal(),
            seal.makerSerial().toString(16),
            DbTime.utc(seal.validFrom()),
            DbTime.utc(seal.validTo()),
            DbTime.utc(seal.createdAt()))
        .update();
  }

  public Optional<SealRow> find(String esId) {
    return jdbc.sql("SELECT " + SEAL_COLUMNS + " FROM seal WHERE es_id = ?")
        .param(esId)
        .query(SealRepository::row)
        .optional();
  }

  public Optional<SealRow> forCertificate(String caName, BigInteger serial) {
    return jdbc.sql(
            "SELECT " + SEAL_COLUMNS + " FROM seal WHERE ca_name = ? AND certificate_serial = ?")
        .params(caName, serial.toString(16))
        .query(SealRepository::row)
        .optional();
  }

  /** The organization's seals, newest first. */
  public List<SealRow> forOrganization(String creditCode) {
    return jdbc.sql(
            "SELECT "
                + SEAL_COLUMNS
                + " FROM seal WHERE credit_code = ?"
                + " ORDER BY created_at DESC, es_id")
        .param(creditCode)
        .query(SealRepository::row)
        .list();
  }

  private static SealRow row(ResultSet rs, int n) throws SQLException {
    return new SealRow(
        rs.getString("es_id"),
        rs.getString("credit_code"),
        rs.getString("organization_name"),
        rs.getString("ca_name"),
        new BigInteger(rs.getString("certificate_serial"), 16),
        rs.getString("source"),
        rs.getString("image_sha256"),
        rs.getBytes("image_png"),
        rs.getInt("width_mm"),
        rs.getInt("height_mm"),
        rs.getBytes("seseal"),
        new BigInteger(rs.getString("maker_serial"), 16),
        rs.getObject("valid_from", OffsetDateTime.class).toInstant(),
        rs.getObject("valid_to", OffsetDateTime.class).toInstant(),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
