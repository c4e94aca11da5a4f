# Alarm routes: on-call (pages) and deliverability (the team's channel), both
# encrypted with one key that SES (event topics) and CloudWatch (alarm topics)
# may use, each only on behalf of this account.

data "aws_iam_policy_document" "notifications_key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"] # in a key policy "*" means this key

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid       = "SesEncryptsStreamEvents"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["ses.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = local.configuration_set_arns
    }
  }

  statement {
    sid       = "CloudWatchEncryptsAlarms"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_kms_key" "notifications" {
  description             = "SES ${var.environment}: event and alarm topics"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.notifications_key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "notifications" {
  name          = "alias/ses-${var.environment}-notifications"
  target_key_id = aws_kms_key.notifications.key_id
}

resource "aws_sns_topic" "alarms" {
  for_each = local.alarm_routes

  name              = "ses-${var.environment}-${each.key}"
  kms_master_key_id = local.notifications_key_alias_arn
  tags              = merge(local.tags, { alarm_route = each.key })
}

data "aws_iam_policy_document" "alarm_topic" {
  for_each = local.alarm_routes

  statement {
    sid       = "CloudWatchAlarmsOfThisAccountPublish"
    actions   = ["sns:Publish"]
    resources = [local.alarm_topic_arns[each.key]]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["${local.alarm_name_arn}ses-*"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  for_each = local.alarm_routes

  arn    = aws_sns_topic.alarms[each.key].arn
  policy = data.aws_iam_policy_document.alarm_topic[each.key].json
}

resource "aws_sns_topic_subscription" "alarms" {
  for_each = {
    for sub in flatten([
      for route in local.alarm_routes : [
        for s in var.alarm_subscriptions[route] : merge(s, { route = route })
      ]
    ]) : "${sub.route}:${sub.protocol}:${sub.endpoint}" => sub
  }

  topic_arn = aws_sns_topic.alarms[each.value.route].arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}
