/*
 * Copyright 2026 the infobip-smtp-spring-boot-starter authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package com.infobip.smtp.test.app;

import com.infobip.smtp.InfobipMailSender;
import com.infobip.smtp.test.AutoConfigureInfobipSmtpTestRelay;
import com.infobip.smtp.test.InfobipSmtpTestRelay;
import com.infobip.smtp.test.RelayFault;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests in one (cached) context do not see each other's messages or faults: the relay is
 * reset before each test method. Shares its context with
 * {@link AutoConfigureInfobipSmtpTestRelayTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureInfobipSmtpTestRelay
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayResetBetweenTestsTests {

	@Autowired
	private InfobipMailSender sender;

	@Autowired
	private InfobipSmtpTestRelay relay;

	@Test
	@Order(1)
	void firstTestLeavesAMessageAndAPendingFaultBehind() {
		this.sender.send(mail());
		this.relay.failNext(RelayFault.DATA_554);
		assertThat(this.relay.getReceivedMessages()).hasSize(1);
	}

	@Test
	@Order(2)
	void secondTestSeesNeitherTheMessageNorTheFault() {
		assertThat(this.relay.getReceivedMessages()).isEmpty();
		this.sender.send(mail());
		assertThat(this.relay.getReceivedMessages()).hasSize(1);
	}

	private static SimpleMailMessage mail() {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo("user@example.com");
		message.setSubject("Hello");
		message.setText("Hello");
		return message;
	}

}
