import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleHosting } from '../../infra/constructs/console/console-hosting.ts';

const API_URL = 'https://api.patrol.example.com';
let app: App;
let outdir: string;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'patrol-console-'));
  app = new App({ outdir });
  const stack = new Stack(app, 'patrol-dev-console', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  const userPool = new UserPool(stack, 'Moderators');
  const client = userPool.addClient('Console');
  new ConsoleHosting(stack, 'Console', { stage: 'dev', apiUrl: API_URL, userPool, client });
  app.synth();
  template = Template.fromStack(stack);
});

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('console hosting', () => {
  it('keeps the console bucket private and reachable only through CloudFront origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site/' }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'distribution/' }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('sends security headers with a policy that lets the page call only itself and the moderation API', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const security = Object.values(policies)[0]?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63_072_000,
      Preload: true,
    });
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(security.ContentTypeOptions.Override).toBe(true);
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ${API_URL}`);
  });

  it('lets the console sign in through the hosted UI with the client the API authoriser accepts', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['implicit'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('finds nothing unacknowledged by the AwsSolutions checks', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
    // The user pool is this test's stand-in for the moderation API's, checked where it is built.
    expect(findings.filter((finding) => !finding.includes('/Moderators/'))).toEqual([]);
  });

  it('deploys the bundled console beside a config.json naming the API and Cognito', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const consoleAsset = assets.find((name) => existsSync(join(outdir, name, 'app.js')));
    expect(consoleAsset).toBeDefined();
    const page = readFileSync(join(outdir, consoleAsset as string, 'index.html'), 'utf8');
    expect(page).toContain('src="/app.js"');
    const configAsset = assets.find((name) => existsSync(join(outdir, name, 'config.json')));
    const config = readFileSync(join(outdir, configAsset as string, 'config.json'), 'utf8');
    expect(config).toContain('"mode":"cognito"');
    expect(config).toContain('amazoncognito.com');
  });
});
