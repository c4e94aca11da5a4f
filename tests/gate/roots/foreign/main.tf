# Someone else's SES Terraform, written without our modules: SES v1 sets, alarms copied
# from blog posts, a copy-pasted set. tests/gate/test_foreign_roots.py plans it offline and
# asserts the exact findings per resource.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  alarm_topic = "arn:aws:sns:us-east-1:111122223333:ses-alarms"
}

# --- SES v1: a transactional set with everything right (only SES008) -----------------
resource "aws_ses_configuration_set" "receipts" {
  name                       = "receipts-transactional"
  reputation_metrics_enabled = true

  delivery_options {
    tls_policy = "Require"
  }
}

resource "aws_ses_event_destination" "receipts_cloudwatch" {
  name                   = "cloudwatch"
  configuration_set_name = aws_ses_configuration_set.receipts.name
  enabled                = true
  matching_types         = ["send", "delivery", "bounce", "complaint", "reject"]

  cloudwatch_destination {
    dimension_name = "stream"
    default_value  = "receipts-transactional"
    value_source   = "messageTag"
  }
}

resource "aws_ses_event_destination" "receipts_sns" {
  name                   = "realtime"
  configuration_set_name = aws_ses_configuration_set.receipts.name
  enabled                = true
  matching_types         = ["bounce", "complaint"]

  sns_destination {
    topic_arn = "arn:aws:sns:us-east-1:111122223333:receipts-events"
  }
}

# Live: SES publishes Reputation.* per set with ses:configuration-set when the set
# enables reputation metrics.
resource "aws_cloudwatch_metric_alarm" "receipts_bounce" {
  alarm_name          = "receipts-bounce-rate"
  namespace           = "AWS/SES"
  metric_name         = "Reputation.BounceRate"
  dimensions          = { "ses:configuration-set" = "receipts-transactional" }
  statistic           = "Average"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0.01
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]
}

resource "aws_cloudwatch_metric_alarm" "receipts_complaint" {
  alarm_name          = "receipts-complaint-rate"
  evaluation_periods  = 1
  threshold           = 0.0005
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]

  metric_query {
    id          = "rate"
    expression  = "IF(send >= 100, complaint / send, 0)"
    return_data = true
  }

  metric_query {
    id = "send"
    metric {
      namespace   = "AWS/SES"
      metric_name = "Send"
      dimensions  = { stream = "receipts-transactional" }
      period      = 3600
      stat        = "Sum"
    }
  }

  metric_query {
    id = "complaint"
    metric {
      namespace   = "AWS/SES"
      metric_name = "Complaint"
      dimensions  = { stream = "receipts-transactional" }
      period      = 3600
      stat        = "Sum"
    }
  }
}

# --- SES v1: a marketing set with nothing configured -----------------------------------
resource "aws_ses_configuration_set" "newsletter" {
  name                       = "newsletter-marketing"
  reputation_metrics_enabled = false
}

# --- SES v2: a bulk stream whose four alarms are all dead ------------------------------
resource "aws_sesv2_configuration_set" "digest" {
  configuration_set_name = "digest-bulk"

  delivery_options {
    tls_policy = "REQUIRE"
  }
  reputation_options {
    reputation_metrics_enabled = true
  }
  suppression_options {
    suppressed_reasons = ["BOUNCE", "COMPLAINT"]
  }
}

resource "aws_sesv2_configuration_set_event_destination" "digest" {
  configuration_set_name = aws_sesv2_configuration_set.digest.configuration_set_name
  event_destination_name = "cloudwatch"

  event_destination {
    enabled              = true
    matching_event_types = ["SEND", "BOUNCE", "COMPLAINT"]
    cloud_watch_destination {
      dimension_configuration {
        dimension_name          = "stream"
        dimension_value_source  = "MESSAGE_TAG"
        default_dimension_value = "digest-bulk"
      }
    }
  }
}

# SES publishes no metric called BounceRate, and no ConfigurationSetName dimension.
resource "aws_cloudwatch_metric_alarm" "digest_bounce_rate" {
  alarm_name          = "digest-bounce-rate"
  namespace           = "AWS/SES"
  metric_name         = "BounceRate"
  dimensions          = { ConfigurationSetName = "digest-bulk" }
  statistic           = "Average"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0.02
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]
}

# Reputation.* is never published with a custom dimension such as `stream`.
resource "aws_cloudwatch_metric_alarm" "digest_complaint_rate" {
  alarm_name          = "digest-complaint-rate"
  namespace           = "AWS/SES"
  metric_name         = "Reputation.ComplaintRate"
  dimensions          = { stream = "digest-bulk" }
  statistic           = "Average"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 0.0008
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]
}

# The count is Bounce, not Bounces.
resource "aws_cloudwatch_metric_alarm" "digest_bounces" {
  alarm_name          = "digest-bounces"
  namespace           = "AWS/SES"
  metric_name         = "Bounces"
  dimensions          = { stream = "digest-bulk" }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 50
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]
}

# Metric math over counts with a dimension SES never publishes.
resource "aws_cloudwatch_metric_alarm" "digest_complaint_math" {
  alarm_name          = "digest-complaint-math"
  evaluation_periods  = 1
  threshold           = 0.0008
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [local.alarm_topic]

  metric_query {
    id          = "rate"
    expression  = "complaint / send"
    return_data = true
  }

  metric_query {
    id = "send"
    metric {
      namespace   = "AWS/SES"
      metric_name = "Send"
      dimensions  = { ConfigurationSetName = "digest-bulk" }
      period      = 3600
      stat        = "Sum"
    }
  }

  metric_query {
    id = "complaint"
    metric {
      namespace   = "AWS/SES"
      metric_name = "Complaint"
      dimensions  = { ConfigurationSetName = "digest-bulk" }
      period      = 3600
      stat        = "Sum"
    }
  }
}

# --- A copy-pasted set: same name, another resource -------------------------------------
resource "aws_sesv2_configuration_set" "alerts" {
  configuration_set_name = "alerts-transactional"

  delivery_options {
    tls_policy = "REQUIRE"
  }
  reputation_options {
    reputation_metrics_enabled = true
  }
  suppression_options {
    suppressed_reasons = ["BOUNCE"]
  }
}

resource "aws_sesv2_configuration_set" "alerts_copy" {
  configuration_set_name = "alerts-transactional"

  delivery_options {
    tls_policy = "REQUIRE"
  }
  reputation_options {
    reputation_metrics_enabled = true
  }
  suppression_options {
    suppressed_reasons = ["BOUNCE"]
  }
}

resource "aws_sesv2_dedicated_ip_pool" "promo" {
  pool_name    = "promo-pool"
  scaling_mode = "MANAGED"
}

resource "aws_sesv2_dedicated_ip_pool" "promo_copy" {
  pool_name    = "promo-pool"
  scaling_mode = "MANAGED"
}
