# What a sender of this stream may do: send as the given identities, naming
# this configuration set or none. IAM has no configuration-set condition key and
# evaluates the set ARN only when a request names a set, so the lane holds only
# if every given identity's default set is this stream.

data "aws_iam_policy_document" "send" {
  statement {
    sid       = "SendThroughStream${replace(title(replace(var.name, "/[-_]/", " ")), " ", "")}"
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = concat([local.configuration_set_arn], var.sending_identity_arns)
  }
}
