package cn.certhall.app.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints production mode's refusals as Boot's start-up failure report, one line per problem. */
public final class ProductionModeRefusedAnalyzer
    extends AbstractFailureAnalyzer<ProductionModeRefused> {

  @Override
  protected FailureAnalysis analyze(Throwable root, ProductionModeRefused cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Change the settings named above (docs/security.md, \"Production mode\"), or start the"
            + " demo without certhall.mode=production.",
        cause);
  }
}
