<?php

use Aws\SesV2\SesV2Client;

// aws-sdk-php's SesV2Client, where the account's lanes are tenants.
final class TenantMailer
{
    private SesV2Client $ses;

    public function __construct()
    {
        $this->ses = new SesV2Client(['region' => 'eu-west-1', 'version' => '2019-09-27']);
    }

    public function receipt(array $content): void
    {
        $this->ses->sendEmail([
            'ConfigurationSetName' => 'transactional',
            'Content' => $content,
        ]);
    }

    public function newsletter(array $content): void
    {
        $request = ['ConfigurationSetName' => 'marketing', 'Content' => $content];
        $request['TenantName'] = 'marketting';
        $this->ses->sendEmail($request);
    }

    public function digest(array $content): void
    {
        $this->ses->sendEmail(['ConfigurationSetName' => 'marketing', 'TenantName' => 'marketing', 'Content' => $content]);
    }

    public function forward(array $request): void
    {
        $this->ses->sendEmail($request);
    }
}
