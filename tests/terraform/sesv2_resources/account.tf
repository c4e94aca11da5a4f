# Account-level settings, a contact list with a topic, and the values the test checks.

resource "aws_sesv2_account_vdm_attributes" "this" {
  vdm_enabled = local.first ? "ENABLED" : "DISABLED"

  dashboard_attributes {
    engagement_metrics = local.first ? "ENABLED" : "DISABLED"
  }
  guardian_attributes {
    optimized_shared_delivery = local.first ? "ENABLED" : "DISABLED"
  }
}

resource "aws_sesv2_account_suppression_attributes" "this" {
  suppressed_reasons = local.first ? ["BOUNCE"] : ["BOUNCE", "COMPLAINT"]
}

resource "aws_sesv2_contact_list" "this" {
  contact_list_name = "tf-contacts"
  description       = local.first ? "description1" : "description2"
  tags              = local.first ? { key1 = "value1" } : { key1 = "value1updated", key2 = "value2" }

  topic {
    topic_name                  = local.first ? "topic1" : "topic2"
    display_name                = local.first ? "topic1" : "topic2"
    description                 = local.first ? null : "description"
    default_subscription_status = local.first ? "OPT_IN" : "OPT_OUT"
  }
}

output "data_sources" {
  value = {
    configuration_set = {
      tls_policy         = data.aws_sesv2_configuration_set.options.delivery_options[0].tls_policy
      suppressed_reasons = data.aws_sesv2_configuration_set.options.suppression_options[0].suppressed_reasons
    }
    pool = {
      scaling_mode  = data.aws_sesv2_dedicated_ip_pool.standard.scaling_mode
      dedicated_ips = data.aws_sesv2_dedicated_ip_pool.standard.dedicated_ips
    }
    identity = {
      identity_type = data.aws_sesv2_email_identity.domain.identity_type
      dkim_status   = data.aws_sesv2_email_identity.domain.dkim_signing_attributes[0].status
    }
    mail_from = {
      mail_from_domain       = data.aws_sesv2_email_identity_mail_from_attributes.domain.mail_from_domain
      behavior_on_mx_failure = data.aws_sesv2_email_identity_mail_from_attributes.domain.behavior_on_mx_failure
    }
  }
}
