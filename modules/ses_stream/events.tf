# Event destinations. `enabled` is written out on every destination because the
# provider defaults it to false: an omitted flag publishes nothing.

resource "aws_sesv2_configuration_set_event_destination" "cloudwatch" {
  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
  event_destination_name = var.cloudwatch_destination.name

  event_destination {
    enabled              = true
    matching_event_types = var.cloudwatch_destination.event_types

    cloud_watch_destination {
      # Counts land in AWS/SES with dimension <dimension_name>=<stream name>;
      # the rate alarms in alarms.tf read exactly these series.
      dimension_configuration {
        dimension_name          = var.cloudwatch_destination.dimension_name
        dimension_value_source  = "MESSAGE_TAG"
        default_dimension_value = var.name
      }
    }
  }
}

# --- SNS: real-time events (bounces, complaints) for the application --------

resource "aws_sesv2_configuration_set_event_destination" "sns" {
  count = local.has_sns ? 1 : 0

  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
  event_destination_name = var.sns_destination.name

  event_destination {
    enabled              = true
    matching_event_types = local.sns_event_types

    sns_destination {
      topic_arn = local.creates_topic ? aws_sns_topic.events[0].arn : var.sns_destination.topic_arn
    }
  }

  # SES may publish only once the topic policy lets it. A given topic's policy
  # is the caller's to order (ses_platform does: notifications.tf).
  depends_on = [aws_sns_topic_policy.events]
}

resource "aws_sns_topic" "events" {
  count = local.creates_topic ? 1 : 0

  name              = local.events_topic
  kms_master_key_id = local.creates_sns_key ? aws_kms_key.events[0].arn : var.sns_destination.kms_key_arn
  tags              = local.tags
}

data "aws_iam_policy_document" "events_topic" {
  count = local.creates_topic ? 1 : 0

  statement {
    sid       = "SesPublishesThisStreamsEvents"
    actions   = ["sns:Publish"]
    resources = [local.events_topic_arn]

    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
    # Confused-deputy guard: only this account's configuration set may publish.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.configuration_set_arn]
    }
  }

  statement {
    # Same-account IAM principals could otherwise publish fake bounces that the
    # application would act on (e.g. suppress a good address).
    sid       = "NobodyElsePublishes"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [local.events_topic_arn]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalServiceName"
      values   = ["ses.amazonaws.com"]
    }
  }
}

resource "aws_sns_topic_policy" "events" {
  count = local.creates_topic ? 1 : 0

  arn    = aws_sns_topic.events[0].arn
  policy = data.aws_iam_policy_document.events_topic[0].json
}

data "aws_iam_policy_document" "events_key" {
  count = local.creates_sns_key ? 1 : 0

  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy "*" means this key

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "SesEncryptsEventsOfThisStream"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.configuration_set_arn]
    }
  }
}

resource "aws_kms_key" "events" {
  count = local.creates_sns_key ? 1 : 0

  description             = "SES event topic of stream ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.events_key[0].json
  tags                    = local.tags
}

# --- EventBridge --------------------------------------------------------------

resource "aws_sesv2_configuration_set_event_destination" "eventbridge" {
  count = var.eventbridge_destination == null ? 0 : 1

  configuration_set_name = aws_sesv2_configuration_set.this.configuration_set_name
  event_destination_name = var.eventbridge_destination.name

  event_destination {
    enabled              = true
    matching_event_types = var.eventbridge_destination.event_types

    event_bridge_destination {
      event_bus_arn = coalesce(
        var.eventbridge_destination.event_bus_arn,
        "arn:${local.partition}:events:${local.region}:${local.account_id}:event-bus/default",
      )
    }
  }
}
