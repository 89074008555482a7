package cn.certhall.app.persistence;

import static cn.certhall.app.persistence.DbTime.utc;

import cn.certhall.domain.sealing.PersonalCertificates;
import cn.certhall.domain.sealing.PinStore;
import cn.certhall.domain.sealing.SealAdministrators;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seal administrators of the seal app ({@code seal_administrator}, V40) and the PIN store of the
 * domain's {@code PinGuard}: each change is one conditional UPDATE, so racing requests never spend
 * one try twice. Also which organizations an administrator holds the seal of: the issued orders
 * naming this mobile as 证书及印章管理员. The seal app's {@link SealAdministrators} port too.
 */
public final class SealAdministratorRepository implements PinStore, SealAdministrators {
  private final JdbcClient jdbc;

  public SealAdministratorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A registered administrator; the personal certificate columns are null before 下载个人证书. */
  public record AdministratorRow(
      String mobile,
      Instant registeredAt,
      String personalCaName,
      BigInteger personalSerial,
      String personalKeyAlias,
      boolean pinSet,
      int pinWrongTries) {
    public boolean hasPersonalCertificate() {
      return personalSerial != null;
    }

    @Override
    public String toString() {
      return "AdministratorRow[personal data withheld]";
    }
  }

  /**
   * An organization certificate of an issued order that names the mobile as its administrator.
   *
   * @param administratorName and {@code administratorIdNumber}: as on the application, to compare
   *     with what the administrator types (never shown back)
   */
  public record HeldOrganization(
      String orderId,
      String channelId,
      String creditCode,
      String organizationName,
      String administratorName,
      String administratorIdNumber,
      String caName,
      BigInteger serial,
      Instant linkedAt) {
    @Override
    public String toString() {
      return "HeldOrganization[" + orderId + ", " + creditCode + "]";
    }
  }

  @Override
  public List<Appointment> appointments(String mobile) {
    return heldOrganizations(mobile).stream()
        .map(
            h ->
                new Appointment(
                    h.organizationName(),
                    h.administratorName(),
                    h.administratorIdNumber(),
                    h.caName()))
        .toList();
  }

  @Override
  public Optional<Account> account(String mobile) {
    return administrator(mobile)
        .map(a -> new Account(a.pinSet(), a.personalCaName(), a.personalSerial()));
  }

  /** Registers the mobile once; a second sign-in finds the row there. */
  @Override
  public void register(String mobile, Instant now) {
    try {
      jdbc.sql(
              "INSERT INTO seal_administrator (mobile, registered_at, pin_wrong_tries)"
                  + " VALUES (?, ?, 0)")
          .params(mobile, utc(now))
          .update();
    } catch (DuplicateKeyException registeredAlready) {
      // signing in again
    }
  }

  public Optional<AdministratorRow> administrator(String mobile) {
    return jdbc.sql(
            "SELECT mobile, registered_at, personal_ca_name, personal_serial, personal_key_alias,"
                + " pin_hash, pin_wrong_tries FROM seal_administrator WHERE mobile = ?")
        .param(mobile)
        .query(
            (rs, n) ->
                new AdministratorRow(
                    rs.getString("mobile"),
                    rs.getObject("registered_at", OffsetDateTime.class).toInstant(),
                    rs.getString("personal_ca_name"),
                    rs.getString("personal_serial") == null
                        ? null
                        : new BigInteger(rs.getString("personal_serial"), 16),
                    rs.getString("personal_key_alias"),
                    rs.getString("pin_hash") != null,
                    rs.getInt("pin_wrong_tries")))
        .optional();
  }

  /** Records the identity and face check just passed. */
  @Override
  public void identityChecked(String mobile, Instant now) {
    jdbc.sql("UPDATE seal_administrator SET identity_checked_at = ? WHERE mobile = ?")
        .params(utc(now), mobile)
        .update();
  }

  /** Records the personal certificate issued after the identity check. */
  @Override
  public void personalCertificate(String mobile, PersonalCertificates.Issued issued) {
    jdbc.sql(
            "UPDATE seal_administrator SET personal_ca_name = ?, personal_serial = ?,"
                + " personal_key_alias = ? WHERE mobile = ?")
        .params(issued.caName(), issued.serial().toString(16), issued.keyAlias(), mobile)
        .update();
  }

  /**
   * Forgets the personal certificate after its revocation, and the seal PIN with it (the PIN
   * guarded that certificate's key): the next 下载个人证书 issues a new one, then a new PIN is set.
   */
  @Override
  public void personalCertificateRevoked(String mobile) {
    jdbc.sql(
            "UPDATE seal_administrator SET personal_ca_name = NULL, personal_serial = NULL,"
                + " personal_key_alias = NULL, pin_hash = NULL, pin_set_at = NULL,"
                + " pin_wrong_tries = 0 WHERE mobile = ?")
        .param(mobile)
        .update();
  }

  /** An issued order and its certificate, as both queries below read them. */
  private static final String HELD_ORGANIZATIONS =
      "SELECT o.id, o.channel_id, o.credit_code, o.organization_name, o.admin_name,"
          + " o.admin_id_number, oc.ca_name, oc.serial, oc.linked_at FROM orders o"
          + " JOIN order_certificate oc ON oc.order_id = o.id";

  private static final RowMapper<HeldOrganization> HELD_ORGANIZATION =
      (rs, n) ->
          new HeldOrganization(
              rs.getString("id"),
              rs.getString("channel_id"),
              rs.getString("credit_code"),
              rs.getString("organization_name"),
              rs.getString("admin_name"),
              rs.getString("admin_id_number"),
              rs.getString("ca_name"),
              new BigInteger(rs.getString("serial"), 16),
              rs.getObject("linked_at", OffsetDateTime.class).toInstant());

  /** The organizations whose seal this mobile holds, the most recently issued first. */
  public List<HeldOrganization> heldOrganizations(String mobile) {
    return jdbc.sql(
            HELD_ORGANIZATIONS + " WHERE o.admin_mobile = ? ORDER BY oc.linked_at DESC, o.id")
        .param(mobile)
        .query(HELD_ORGANIZATION)
        .list();
  }

  /** The latest issued order of an organization in a channel: what a signing request seals for. */
  public Optional<HeldOrganization> latestOfChannel(String channelId, String creditCode) {
    return jdbc.sql(
            HELD_ORGANIZATIONS
                + " WHERE o.channel_id = ? AND o.credit_code = ?"
                + " ORDER BY oc.linked_at DESC, o.id FETCH FIRST 1 ROWS ONLY")
        .params(channelId, creditCode)
        .query(HELD_ORGANIZATION)
        .optional();
  }

  /** The certificate of the second algorithm family (双证书) of an order: its CA and serial. */
  public record SecondCertificate(String caName, BigInteger serial) {}

  /** The order's certificate of the second algorithm family (双证书), if it has one. */
  public Optional<SecondCertificate> secondCertificate(String orderId) {
    return jdbc.sql("SELECT ca_name, serial FROM order_second_certificate WHERE order_id = ?")
        .param(orderId)
        .query(
            (rs, n) ->
                new SecondCertificate(
                    rs.getString("ca_name"), new BigInteger(rs.getString("serial"), 16)))
        .optional();
  }

  // ---- PinStore --------------------------------------------------------------------------

  @Override
  public Optional<StoredPin> find(String mobile) {
    return jdbc.sql(
            "SELECT pin_hash, pin_wrong_tries, pin_set_at FROM seal_administrator WHERE mobile = ?")
        .param(mobile)
        .query(
            (rs, n) -> {
              OffsetDateTime set = rs.getObject("pin_set_at", OffsetDateTime.class);
              return new StoredPin(
                  rs.getString("pin_hash"),
                  rs.getInt("pin_wrong_tries"),
                  set == null ? null : set.toInstant());
            })
        .optional();
  }

  @Override
  public void set(String mobile, String hash, Instant now) {
    int rows =
        jdbc.sql(
                "UPDATE seal_administrator SET pin_hash = ?, pin_wrong_tries = 0, pin_set_at = ?"
                    + " WHERE mobile = ?")
            .params(hash, utc(now), mobile)
            .update();
    if (rows != 1) {
      throw new IllegalStateException("no seal administrator registered with that mobile");
    }
  }

  @Override
  public Optional<Integer> countTry(String mobile, int max) {
    int rows =
        jdbc.sql(
                "UPDATE seal_administrator SET pin_wrong_tries = pin_wrong_tries + 1"
                    + " WHERE mobile = ? AND pin_hash IS NOT NULL AND pin_wrong_tries < ?")
            .params(mobile, max)
            .update();
    if (rows == 0) {
      return Optional.empty();
    }
    // a racing try may have been counted too, so this may report fewer tries left, never more
    return jdbc.sql("SELECT pin_wrong_tries FROM seal_administrator WHERE mobile = ?")
        .param(mobile)
        .query(Integer.class)
        .optional();
  }

  @Override
  public void clearTries(String mobile) {
    jdbc.sql("UPDATE seal_administrator SET pin_wrong_tries = 0 WHERE mobile = ?")
        .param(mobile)
        .update();
  }
}
