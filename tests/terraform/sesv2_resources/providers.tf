# Every aws_sesv2_* resource and data source of the provider against the SES emulator,
# applied at `step` 1, updated in place at `step` 2 (tests/test_terraform_resources.py).

terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "emulator_endpoint" {
  type        = string
  description = "Base URL of the SES emulator."
}

variable "step" {
  type        = number
  description = "1 = first apply, 2 = the in-place update."

  validation {
    condition     = contains([1, 2], var.step)
    error_message = "step must be 1 or 2."
  }
}

variable "dedicated_ip" {
  type        = string
  description = "A dedicated IP the emulator has leased to the account."
}

variable "byodkim_private_key" {
  type        = string
  description = "Base64 private key for the BYODKIM identity."
  sensitive   = true
}

provider "aws" {
  region     = "us-east-1"
  access_key = "testing"
  secret_key = "testing"

  skip_credentials_validation = true
  skip_metadata_api_check     = true

  # iam and sts: the provider looks up the account id at start (moto answers both).
  endpoints {
    iam   = var.emulator_endpoint
    sesv2 = var.emulator_endpoint
    sns   = var.emulator_endpoint
    sts   = var.emulator_endpoint
  }
}

locals {
  first   = var.step == 1
  account = "123456789012" # moto's default account
  region  = "us-east-1"
}
