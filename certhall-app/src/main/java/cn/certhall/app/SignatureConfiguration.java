package cn.certhall.app;

import cn.certhall.app.material.OrderDocuments;
import cn.certhall.app.persistence.JdbcSignedForms;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.signature.ApplicationSignature;
import cn.certhall.domain.signature.SignedForms;
import cn.certhall.domain.verification.SmsCodes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * 证书申请签名: the domain's {@link ApplicationSignature} with the SMS codes, the 申请表 from {@link
 * OrderDocuments}, kept in the material store and recorded in {@code signed_application_form}.
 */
@Configuration(proxyBeanMethods = false)
public class SignatureConfiguration {

  @Bean
  SignedForms signedForms(JdbcClient jdbc) {
    return new JdbcSignedForms(jdbc);
  }

  @Bean
  ApplicationSignature applicationSignature(
      OrderService orders,
      SmsCodes codes,
      MaterialService materials,
      MaterialStore store,
      SignedForms forms,
      OrderDocuments documents,
      FeeSchedule fees,
      PlatformTransactionManager transactions) {
    return new ApplicationSignature(
        orders,
        codes,
        materials,
        store,
        forms,
        documents,
        fees,
        OrderConfiguration.transactions(transactions));
  }
}
