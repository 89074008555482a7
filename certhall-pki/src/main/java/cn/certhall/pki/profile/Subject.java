package cn.certhall.pki.profile;

import cn.certhall.pki.InvalidRequestException;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject of a certificate, one shape per kind of holder. Every name is checked here, before
 * anything is reserved or signed: printable, trimmed, within the X.520 upper bound of 64
 * characters.
 */
public sealed interface Subject {

  /** ub-common-name and ub-organization-name of X.520. */
  int MAX_NAME_LENGTH = 64;

  /** Charset of the Unified Social Credit Code (GB 32100-2015): no I, O, S, V, Z. */
  Pattern CREDIT_CODE_SYNTAX =
      Pattern.compile("[0-9A-HJ-NP-RTUWXY]{2}\\d{6}[0-9A-HJ-NP-RTUWXY]{10}");

  /**
   * Prefix of the organizationIdentifier value, in the ETSI EN 319 412-1 form "NTR" (national trade
   * register) + "CN" + "-": the credit code is the registration number of the organization.
   */
  String ORGANIZATION_IDENTIFIER_PREFIX = "NTRCN-";

  X500Name toX500Name();

  /** A CA or OCSP responder: C=CN, O=operator, CN=name. */
  record Authority(String commonName, String organization) implements Subject {
    public Authority {
      checkName("common name", commonName);
      checkName("organization", organization);
    }

    @Override
    public X500Name toX500Name() {
      return new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.C, "CN")
          .addRDN(BCStyle.O, organization)
          .addRDN(BCStyle.CN, commonName)
          .build();
    }
  }

  /**
   * An organization (单位): C=CN, O and CN = its registered name, organizationIdentifier (2.5.4.97) =
   * "NTRCN-" + its Unified Social Credit Code (统一社会信用代码).
   */
  record Organization(String name, String creditCode) implements Subject {
    public Organization {
      checkName("organization name", name);
      if (creditCode == null || !CREDIT_CODE_SYNTAX.matcher(creditCode).matches()) {
        throw new InvalidRequestException(
            "unified social credit code must be 18 characters of 0-9 and A-Y without I, O, S, V, Z: "
                + creditCode);
      }
    }

    @Override
    public X500Name toX500Name() {
      return new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.C, "CN")
          .addRDN(BCStyle.O, name)
          .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, ORGANIZATION_IDENTIFIER_PREFIX + creditCode)
          .addRDN(BCStyle.CN, name)
          .build();
    }
  }

  /**
   * A person (the seal administrator): C=CN, CN = name, serialNumber (2.5.4.5) = an identifier the
   * caller forms from the person's ID document, e.g. "IDCCN-" + resident ID number.
   */
  record Person(String name, String identifier) implements Subject {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public Person {
      checkName("person name", name);
      if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
        throw new InvalidRequestException(
            "person identifier must be 1 to 64 letters, digits or '-' (printable string)");
      }
    }

    @Override
    public X500Name toX500Name() {
      return new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.C, "CN")
          .addRDN(BCStyle.SERIALNUMBER, identifier)
          .addRDN(BCStyle.CN, name)
          .build();
    }
  }

  private static void checkName(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(what + " must not be empty");
    }
    if (!value.strip().equals(value)) {
      throw new InvalidRequestException(
          what + " must not start or end with spaces: '" + value + "'");
    }
    if (value.codePointCount(0, value.length()) > MAX_NAME_LENGTH) {
      throw new InvalidRequestException(
          what + " is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || !Character.isDefined(c))) {
      throw new InvalidRequestException(what + " contains control or undefined characters");
    }
  }
}
