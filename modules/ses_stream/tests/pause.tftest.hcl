# The automatic pause: which lanes get it by default, what its rule listens to,
# what its state machine does and what its roles may touch, planned with a mock
# provider (no AWS, no credentials).

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  name          = "newsletters"
  class         = "marketing"
  account_id    = "111122223333"
  alarm_actions = ["arn:aws:sns:us-east-1:111122223333:deliverability"]
}

run "transactional_lane_does_not_pause_itself_by_default" {
  command = plan

  variables {
    name  = "resets"
    class = "transactional"
  }

  assert {
    condition = (
      length(aws_cloudwatch_event_rule.pause) == 0 && length(aws_sfn_state_machine.pause) == 0
      && length(aws_iam_role.pause) == 0 && length(aws_iam_role.pause_events) == 0
    )
    error_message = "a transactional lane must not pause itself unless asked: a paused lane stops resets"
  }
  assert {
    condition     = aws_sesv2_configuration_set.this.sending_options[0].sending_enabled
    error_message = "Terraform must keep a lane that never pauses itself sending"
  }
  assert {
    condition     = output.pause_state_machine_arn == null
    error_message = "no state machine, no ARN"
  }
}

run "marketing_rule_matches_its_own_two_alarms_entering_alarm" {
  command = plan

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.pause[0].event_pattern) == {
      source        = ["aws.cloudwatch"]
      "detail-type" = ["CloudWatch Alarm State Change"]
      detail = {
        alarmName = ["ses-newsletters-bounce-rate", "ses-newsletters-complaint-rate"]
        state     = { value = ["ALARM"] }
      }
    }
    error_message = "the rule must match exactly this lane's bounce and complaint alarms entering ALARM"
  }
  assert {
    condition     = aws_cloudwatch_event_target.pause[0].rule == "ses-newsletters-pause" && aws_cloudwatch_event_target.pause[0].target_id == "pause-sending"
    error_message = "the rule's one target must be the pause"
  }
}

run "state_machine_turns_this_set_off_then_tells_the_alarm_topic" {
  command = plan

  assert {
    condition = jsondecode(aws_sfn_state_machine.pause[0].definition).States.PauseSending == {
      Type       = "Task"
      Resource   = "arn:aws:states:::aws-sdk:sesv2:putConfigurationSetSendingOptions"
      Parameters = { ConfigurationSetName = "newsletters", SendingEnabled = false }
      ResultPath = null
      Next       = "TellAlarmActions1"
    }
    error_message = "the first state must turn sending off for this configuration set"
  }
  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.pause[0].definition).StartAt == "PauseSending"
      && jsondecode(aws_sfn_state_machine.pause[0].definition).States.TellAlarmActions1.Resource == "arn:aws:states:::sns:publish"
      && jsondecode(aws_sfn_state_machine.pause[0].definition).States.TellAlarmActions1.Parameters.TopicArn == "arn:aws:sns:us-east-1:111122223333:deliverability"
      && jsondecode(aws_sfn_state_machine.pause[0].definition).States.TellAlarmActions1.Next == "Paused"
      && jsondecode(aws_sfn_state_machine.pause[0].definition).States.Paused.Type == "Succeed"
    )
    error_message = "after pausing, the machine must publish to the alarm topic and succeed"
  }
}

run "roles_may_pause_one_set_and_start_one_machine" {
  command = plan

  variables {
    alarm_actions             = ["arn:aws:sns:us-east-1:111122223333:deliverability", "arn:aws:ssm:us-east-1:111122223333:opsitem:3"]
    alarm_actions_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/notifications"
  }

  assert {
    condition = [for s in data.aws_iam_policy_document.pause[0].statement : { actions = s.actions, resources = s.resources }] == [
      { actions = toset(["ses:PutConfigurationSetSendingOptions"]), resources = toset(["arn:aws:ses:us-east-1:111122223333:configuration-set/newsletters"]) },
      { actions = toset(["sns:Publish"]), resources = toset(["arn:aws:sns:us-east-1:111122223333:deliverability"]) },
      { actions = toset(["kms:GenerateDataKey*", "kms:Decrypt"]), resources = toset(["arn:aws:kms:us-east-1:111122223333:key/notifications"]) },
    ]
    error_message = "the state machine may pause this one set, publish to the SNS alarm actions and use their key, nothing else"
  }
  assert {
    condition = [for s in data.aws_iam_policy_document.pause_events[0].statement : { actions = s.actions, resources = s.resources }] == [
      { actions = toset(["states:StartExecution"]), resources = toset(["arn:aws:states:us-east-1:111122223333:stateMachine:ses-newsletters-pause"]) },
    ]
    error_message = "EventBridge may start this one state machine, nothing else"
  }
  assert {
    condition     = aws_iam_role.pause[0].path == "/ses-pause/" && one(data.aws_iam_policy_document.pause_assume["states"].statement[0].principals).identifiers == toset(["states.amazonaws.com"])
    error_message = "only Step Functions assumes the pause role, which lives under /ses-pause/"
  }
  assert {
    condition     = one(data.aws_iam_policy_document.pause_assume["events"].statement[0].principals).identifiers == toset(["events.amazonaws.com"])
    error_message = "only EventBridge assumes the role that starts the pause"
  }
}

run "pausing_lane_leaves_sending_to_the_pause_and_the_runbook" {
  command = plan

  assert {
    condition     = length(aws_sesv2_configuration_set.this.sending_options) == 0
    error_message = "a lane that pauses itself must not have Terraform turn sending back on"
  }
}

run "explicit_sending_enabled_is_owned_by_terraform_even_when_pausing" {
  command = plan

  variables {
    sending_enabled = false
  }

  assert {
    condition     = aws_sesv2_configuration_set.this.sending_options[0].sending_enabled == false && length(aws_sfn_state_machine.pause) == 1
    error_message = "an explicit sending_enabled is written whether or not the lane pauses itself"
  }
}

run "pause_can_be_turned_off_for_marketing_and_on_for_transactional" {
  command = plan

  variables {
    pause_on_alarm = false
  }

  assert {
    condition     = length(aws_sfn_state_machine.pause) == 0 && aws_sesv2_configuration_set.this.sending_options[0].sending_enabled
    error_message = "pause_on_alarm = false must remove the pause and keep Terraform owning sending"
  }
}
