package cn.certhall.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CjkFontTest {

  @Test
  void displaysOrganizationNamesAndPunctuation() {
    assertThat(CjkFont.canDisplay("北京数字认证股份有限公司（测试）")).isTrue();
    assertThat(CjkFont.canDisplay("ABC-123 合同专用章 ★")).isTrue();
    assertThat(CjkFont.awt(12f).getFamily()).contains("UMing");
  }

  @Test
  void reportsCharactersOutsideTheFont() {
    // 𠀀 (U+20000, CJK extension B) and 喆 are outside GB 2312
    assertThat(CjkFont.canDisplay("𠀀")).isFalse();
    assertThat(CjkFont.canDisplay("喆")).isFalse();
  }
}
