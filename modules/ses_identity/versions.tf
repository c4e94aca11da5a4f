terraform {
  # 1.9+: the same floor as the modules that call this one (ses_stream, ses_platform).
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # The stack's one provider range (ses_stream needs 5.81+); one constraint to reason about.
      version = ">= 5.81, < 7.0"
    }
  }
}
