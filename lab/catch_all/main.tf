# The counterfactual of the lab: how many accounts send today. One configuration
# set for every kind of mail, no suppression override (the account-level list
# applies to resets too), one alarm on the account's reputation. Staged with
# envs/local/provider.tf and variables.tf, so it talks to an emulator the same way.
# Not a pattern to copy: `sesguard check` fails it (SES001, SES004, SES006).

locals {
  domain = "mail.example.test"
}

resource "aws_sesv2_email_identity" "this" {
  email_identity         = local.domain
  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
}

resource "aws_sesv2_configuration_set" "this" {
  configuration_set_name = "catch-all"

  reputation_options {
    reputation_metrics_enabled = true
  }
}

# Counts per set, so the lab can chart this one lane like the streams it replaces.
resource "aws_sesv2_configuration_set_event_destination" "cloudwatch" {
  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
  event_destination_name = "cloudwatch"

  event_destination {
    enabled              = true
    matching_event_types = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT"]

    cloud_watch_destination {
      dimension_configuration {
        dimension_name          = "stream"
        dimension_value_source  = "MESSAGE_TAG"
        default_dimension_value = "catch-all"
      }
    }
  }
}

resource "aws_sesv2_account_suppression_attributes" "this" {
  suppressed_reasons = ["BOUNCE", "COMPLAINT"]
}

resource "aws_sns_topic" "oncall" {
  name = "ses-catch-all-oncall"
}

resource "aws_cloudwatch_metric_alarm" "account" {
  for_each = {
    bounce-rate    = { metric = "Reputation.BounceRate", threshold = 0.05 }
    complaint-rate = { metric = "Reputation.ComplaintRate", threshold = 0.001 }
  }

  alarm_name          = "ses-catch-all-account-${each.key}"
  alarm_description   = "Account ${each.value.metric} at the SES review level."
  namespace           = "AWS/SES"
  metric_name         = each.value.metric
  statistic           = "Average"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  ok_actions          = [aws_sns_topic.oncall.arn]
}
