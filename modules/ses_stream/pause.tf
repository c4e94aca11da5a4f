# Automatic pause: when this lane's bounce or complaint alarm enters ALARM, an
# EventBridge rule starts a state machine that turns this configuration set's
# sending off and tells the alarm's SNS actions that it did. No Lambda: the SES v2
# call is a Step Functions AWS SDK integration, so there is no code to ship or patch.
# Resuming is a person's decision (docs/modules.md#automatic-pause).

locals {
  pauses_on_alarm = var.pause_on_alarm != null ? var.pause_on_alarm : local.class.pause_on_alarm
  # Terraform owns sending_enabled unless the lane pauses itself and no one set it.
  manages_sending = !local.pauses_on_alarm || var.sending_enabled != null

  pause_name         = "ses-${var.name}-pause"
  pause_machine_arn  = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${local.pause_name}"
  pause_alarm_names  = [for alarm in aws_cloudwatch_metric_alarm.rate : alarm.alarm_name]
  pause_topic_arns   = [for arn in var.alarm_actions : arn if split(":", arn)[2] == "sns"]
  pause_notify_names = [for i, _ in local.pause_topic_arns : "TellAlarmActions${i + 1}"]

  pause_notify_states = {
    for i, topic in local.pause_topic_arns : local.pause_notify_names[i] => {
      Type     = "Task"
      Resource = "arn:${local.partition}:states:::sns:publish"
      Parameters = {
        TopicArn = topic
        Subject  = "SES lane ${var.name} paused by its alarm"
        # AlarmName at the top: alarm subscriptions filter the message body on it.
        Message = {
          "AlarmName.$"      = "$.detail.alarmName"
          "NewStateReason.$" = "$.detail.state.reason"
          ConfigurationSet   = var.name
          SendingEnabled     = false
          Resume             = "aws sesv2 put-configuration-set-sending-options --configuration-set-name ${var.name} --sending-enabled"
        }
      }
      ResultPath = null
      Next       = i + 1 < length(local.pause_topic_arns) ? local.pause_notify_names[i + 1] : "Paused"
    }
  }

  pause_definition = {
    Comment = "Turn off sending of SES configuration set ${var.name} when its bounce or complaint alarm fires."
    StartAt = "PauseSending"
    States = merge(local.pause_notify_states, {
      PauseSending = {
        Type     = "Task"
        Resource = "arn:${local.partition}:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions"
        Parameters = {
          ConfigurationSetName = var.name
          SendingEnabled       = false
        }
        ResultPath = null
        Next       = length(local.pause_notify_names) > 0 ? local.pause_notify_names[0] : "Paused"
      }
      Paused = { Type = "Succeed" }
    })
  }
}

resource "aws_cloudwatch_event_rule" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  name        = local.pause_name
  description = "SES lane ${var.name}: its bounce or complaint alarm entered ALARM; pause the lane."
  event_pattern = jsonencode({
    source        = ["aws.cloudwatch"]
    "detail-type" = ["CloudWatch Alarm State Change"]
    detail = {
      alarmName = local.pause_alarm_names
      state     = { value = ["ALARM"] }
    }
  })
  tags = local.tags
}

resource "aws_cloudwatch_event_target" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  rule      = aws_cloudwatch_event_rule.pause[0].name
  target_id = "pause-sending"
  arn       = aws_sfn_state_machine.pause[0].arn
  role_arn  = aws_iam_role.pause_events[0].arn
}

resource "aws_sfn_state_machine" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  #checkov:skip=CKV_AWS_284:X-Ray needs xray:* on "*"; two states need no tracing.
  #checkov:skip=CKV_AWS_285:Log delivery needs logs:*Delivery on "*"; the execution history and the alarm topic record each pause.
  name       = local.pause_name
  role_arn   = aws_iam_role.pause[0].arn
  definition = jsonencode(local.pause_definition)
  tags       = local.tags
}

# --- Roles: each may do exactly one thing to one resource ---------------------

data "aws_iam_policy_document" "pause_assume" {
  for_each = local.pauses_on_alarm ? toset(["states", "events"]) : toset([])

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["${each.key}.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  statement {
    sid       = "PauseThisConfigurationSet"
    actions   = ["ses:PutConfigurationSetSendingOptions"]
    resources = [local.configuration_set_arn]
  }

  dynamic "statement" {
    for_each = length(local.pause_topic_arns) > 0 ? [local.pause_topic_arns] : []
    content {
      sid       = "TellTheAlarmActions"
      actions   = ["sns:Publish"]
      resources = statement.value
    }
  }

  # An alias ARN (known at plan time, unlike a new key's ARN) grants the one key behind
  # it: KMS authorizes against key ARNs, so the alias goes in a condition.
  dynamic "statement" {
    for_each = var.alarm_actions_kms_key_arn == null ? [] : [split(":", var.alarm_actions_kms_key_arn)]
    content {
      sid       = "EncryptForTheAlarmTopics"
      actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
      resources = [startswith(statement.value[5], "alias/") ? "${join(":", slice(statement.value, 0, 5))}:key/*" : var.alarm_actions_kms_key_arn]

      dynamic "condition" {
        for_each = startswith(statement.value[5], "alias/") ? [statement.value[5]] : []
        content {
          test     = "ForAnyValue:StringEquals"
          variable = "kms:ResourceAliases"
          values   = [condition.value]
        }
      }
    }
  }
}

resource "aws_iam_role" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  name = local.pause_name
  # Alarm topics deny publishers other than SES and CloudWatch; this path is how
  # a topic policy lets the pause roles through without naming every lane.
  path               = "/ses-pause/"
  assume_role_policy = data.aws_iam_policy_document.pause_assume["states"].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "pause" {
  count = local.pauses_on_alarm ? 1 : 0

  name   = "pause-this-lane"
  role   = aws_iam_role.pause[0].id
  policy = data.aws_iam_policy_document.pause[0].json
}

data "aws_iam_policy_document" "pause_events" {
  count = local.pauses_on_alarm ? 1 : 0

  statement {
    sid       = "StartThePause"
    actions   = ["states:StartExecution"]
    resources = [local.pause_machine_arn]
  }
}

resource "aws_iam_role" "pause_events" {
  count = local.pauses_on_alarm ? 1 : 0

  name               = "${local.pause_name}-events"
  assume_role_policy = data.aws_iam_policy_document.pause_assume["events"].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "pause_events" {
  count = local.pauses_on_alarm ? 1 : 0

  name   = "start-the-pause"
  role   = aws_iam_role.pause_events[0].id
  policy = data.aws_iam_policy_document.pause_events[0].json
}
