package cn.certhall.app.production;

import java.util.List;

/** Production mode found settings or data it must not run with; each problem names its fix. */
public final class ProductionModeRefused extends RuntimeException {
  private final List<String> problems;

  public ProductionModeRefused(List<String> problems) {
    super("certhall.mode=production refuses to start:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
