package cn.certhall.documents.seal;

/**
 * What goes on a standard round seal (圆形印章) drawn from the organization name.
 *
 * @param organizationName the registered name, along the upper arc from left to right
 * @param diameter 40 or 42 mm
 * @param horizontalText optional line under the star, e.g. 合同专用章 (null or empty for none)
 * @param chordText optional text on a chord at the bottom, e.g. the seal's code (null or empty)
 */
public record RoundSealSpec(
    String organizationName, Diameter diameter, String horizontalText, String chordText) {

  /**
   * The two sizes peers' template seals use, with the rim width and star that go with each: the 42
   * mm company seal (rim 1.2 mm, star 14 mm across its points) and the 40 mm seal of limited
   * companies and special-purpose seals (rim 1.0 mm, star 13 mm).
   */
  public enum Diameter {
    MM_40(40, 1.0, 13.0),
    MM_42(42, 1.2, 14.0);

    private final int millimetres;
    private final double rimWidthMm;
    private final double starDiameterMm;

    Diameter(int millimetres, double rimWidthMm, double starDiameterMm) {
      this.millimetres = millimetres;
      this.rimWidthMm = rimWidthMm;
      this.starDiameterMm = starDiameterMm;
    }

    public int millimetres() {
      return millimetres;
    }

    public double rimWidthMm() {
      return rimWidthMm;
    }

    public double starDiameterMm() {
      return starDiameterMm;
    }
  }

  /** A company seal: the name and the star, nothing else. */
  public static RoundSealSpec of(String organizationName, Diameter diameter) {
    return new RoundSealSpec(organizationName, diameter, null, null);
  }
}
