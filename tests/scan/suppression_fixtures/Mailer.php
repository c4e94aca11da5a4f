<?php

use Aws\Ses\SesClient;

// Inline suppressions in PHP: `#`, `//` and `/* */` comments.
final class Mailer
{
    private SesClient $legacy;

    public function __construct()
    {
        $this->legacy = new SesClient(['region' => 'eu-west-1', 'version' => '2010-12-01']);
    }

    public function replay(string $mime): void
    {
        # sesguard: ignore[SES016] replays a recorded v1 request
        $this->legacy->sendRawEmail(['RawMessage' => ['Data' => $mime]]);
        $this->legacy->sendRawEmail(['RawMessage' => ['Data' => $mime]]); // sesguard: ignore[SES016] the same
    }
}
