package com.example.mail;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** Sends through the SDK v2's SesV2Client, where the account's lanes are tenants. */
public final class TenantMailer {
    private static final String MARKETING_TENANT = "marketing";
    private final SesV2Client ses = SesV2Client.create();

    public void receipt(EmailContent content) {
        ses.sendEmail(SendEmailRequest.builder()
                .configurationSetName("transactional")
                .content(content)
                .build());
    }

    public void newsletter(EmailContent content) {
        SendEmailRequest request = SendEmailRequest.builder()
                .configurationSetName("marketing")
                .tenantName("transactionl")
                .content(content)
                .build();
        ses.sendEmail(request);
    }

    public void digest(EmailContent content) {
        ses.sendEmail(r -> r.configurationSetName("marketing").tenantName(MARKETING_TENANT).content(content));
    }

    public void forward(SendEmailRequest request) {
        ses.sendEmail(request);
    }
}
