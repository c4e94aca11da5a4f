# Configuration sets: a bare one with tags, one with every option block, one with
# suppression turned off, and event destinations of every kind.

resource "aws_sesv2_configuration_set" "basic" {
  configuration_set_name = "tf-basic"
  tags                   = local.first ? { key1 = "value1" } : { key1 = "value1updated", key2 = "value2" }
}

resource "aws_sesv2_configuration_set" "options" {
  configuration_set_name = "tf-options"

  delivery_options {
    tls_policy           = local.first ? "REQUIRE" : "OPTIONAL"
    max_delivery_seconds = local.first ? 300 : 800
    sending_pool_name    = local.first ? null : aws_sesv2_dedicated_ip_pool.standard.pool_name
  }

  reputation_options {
    reputation_metrics_enabled = local.first
  }

  sending_options {
    sending_enabled = local.first
  }

  suppression_options {
    suppressed_reasons = local.first ? ["BOUNCE"] : ["COMPLAINT"]
  }

  tracking_options {
    custom_redirect_domain = local.first ? "click.example.com" : "links.example.com"
    https_policy           = local.first ? "REQUIRE" : "OPTIONAL"
  }

  vdm_options {
    dashboard_options {
      engagement_metrics = local.first ? "ENABLED" : "DISABLED"
    }
    guardian_options {
      optimized_shared_delivery = local.first ? "ENABLED" : "DISABLED"
    }
  }
}

resource "aws_sesv2_configuration_set" "suppression_off" {
  configuration_set_name = "tf-suppression-off"

  suppression_options {
    suppressed_reasons = []
  }
}

resource "aws_sesv2_configuration_set" "events" {
  configuration_set_name = "tf-events"
}

locals {
  event_types = local.first ? ["SEND"] : ["SEND", "BOUNCE", "COMPLAINT"]
  destinations = {
    cloudwatch  = "cloud_watch_destination"
    sns         = "sns_destination"
    firehose    = "kinesis_firehose_destination"
    eventbridge = "event_bridge_destination"
    pinpoint    = "pinpoint_destination"
  }
}

# SES refuses an SNS destination whose topic does not exist; step 2 moves to the second topic.
resource "aws_sns_topic" "events" {
  for_each = toset(["a", "b"])

  name = each.key
}

resource "aws_sesv2_configuration_set_event_destination" "this" {
  for_each = local.destinations

  configuration_set_name = aws_sesv2_configuration_set.events.configuration_set_name
  event_destination_name = each.key

  event_destination {
    enabled              = local.first ? each.key != "pinpoint" : true
    matching_event_types = local.event_types

    dynamic "cloud_watch_destination" {
      for_each = each.key == "cloudwatch" ? [1] : []
      content {
        dimension_configuration {
          dimension_name          = "stream"
          dimension_value_source  = "MESSAGE_TAG"
          default_dimension_value = local.first ? "default" : "other"
        }
      }
    }
    dynamic "sns_destination" {
      for_each = each.key == "sns" ? [1] : []
      content {
        topic_arn = aws_sns_topic.events[local.first ? "a" : "b"].arn
      }
    }
    dynamic "kinesis_firehose_destination" {
      for_each = each.key == "firehose" ? [1] : []
      content {
        delivery_stream_arn = "arn:aws:firehose:${local.region}:${local.account}:deliverystream/s"
        iam_role_arn        = "arn:aws:iam::${local.account}:role/${local.first ? "a" : "b"}"
      }
    }
    dynamic "event_bridge_destination" {
      for_each = each.key == "eventbridge" ? [1] : []
      content {
        event_bus_arn = "arn:aws:events:${local.region}:${local.account}:event-bus/default"
      }
    }
    dynamic "pinpoint_destination" {
      for_each = each.key == "pinpoint" ? [1] : []
      content {
        application_arn = "arn:aws:mobiletargeting:${local.region}:${local.account}:apps/app"
      }
    }
  }
}

data "aws_sesv2_configuration_set" "options" {
  configuration_set_name = aws_sesv2_configuration_set.options.configuration_set_name
}
