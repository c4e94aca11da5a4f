# Dedicated IP pools (STANDARD and MANAGED), an IP assigned to a pool, the pool data source.

resource "aws_sesv2_dedicated_ip_pool" "standard" {
  pool_name = "tf-standard"
  tags      = local.first ? { key1 = "value1" } : { key1 = "value1updated", key2 = "value2" }
}

resource "aws_sesv2_dedicated_ip_pool" "managed" {
  pool_name    = "tf-managed"
  scaling_mode = "MANAGED"
}

resource "aws_sesv2_dedicated_ip_assignment" "this" {
  ip                    = var.dedicated_ip
  destination_pool_name = aws_sesv2_dedicated_ip_pool.standard.pool_name
}

data "aws_sesv2_dedicated_ip_pool" "standard" {
  pool_name  = aws_sesv2_dedicated_ip_pool.standard.pool_name
  depends_on = [aws_sesv2_dedicated_ip_assignment.this]
}
