import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Aws,
  type CfnElement,
  CfnOutput,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { CfnUserPoolClient, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { CONSOLE_STATIC_FILES, consoleBuildOptions } from '../../../console/build-options.ts';

const CONSOLE_DIR = fileURLToPath(new URL('../../../console', import.meta.url));

export interface ConsoleHostingProps {
  stage: string;
  /** The moderation API's base URL, which the console calls and its content security policy allows. */
  apiUrl: string;
  userPool: UserPool;
  /** The app client the API's authoriser accepts; the console signs in through its hosted UI. */
  client: UserPoolClient;
}

/**
 * The console on a private S3 bucket behind CloudFront (origin access control, HTTPS only, security
 * headers, access logs), deployed with its `config.json`, signing users in through Cognito's hosted UI.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the access logs of the console bucket and distribution; logging it would loop.',
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            `connect-src 'self' ${props.apiUrl}`,
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Patrol ${props.stage} console`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'distribution/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Moderators work from several countries; every page needs a Cognito sign-in, so no geo restriction.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only; the API behind its own throttled gateway does the work. A stage may add WAF.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default CloudFront domain and certificate; a stage with its own domain sets TLS 1.2 with it.',
      },
    );

    const siteUrl = `https://${this.distribution.distributionDomainName}/`;
    const domain = props.userPool.addDomain('ConsoleSignIn', {
      cognitoDomain: { domainPrefix: `patrol-${props.stage}-${Aws.ACCOUNT_ID}` },
    });
    const client = props.client.node.defaultChild as CfnUserPoolClient;
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthFlows = ['implicit'];
    client.allowedOAuthScopes = ['openid', 'email', 'profile'];
    client.supportedIdentityProviders = ['COGNITO'];
    client.callbackUrLs = [siteUrl];
    client.logoutUrLs = [siteUrl];

    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      sources: [
        Source.asset(CONSOLE_DIR, {
          bundling: {
            image: DockerImage.fromRegistry('unused-local-bundling'),
            local: { tryBundle: (outputDir) => bundleConsole(outputDir) },
          },
        }),
        Source.jsonData('config.json', {
          apiBase: props.apiUrl.replace(/\/$/, ''),
          auth: {
            mode: 'cognito',
            domain: `${domain.domainName}.auth.${Aws.REGION}.amazoncognito.com`,
            clientId: props.client.userPoolClientId,
            redirectUri: siteUrl,
          },
        }),
      ],
    });
    acknowledgeDeploymentFunction(this, this.bucket);
    new CfnOutput(this, 'ConsoleUrl', { value: siteUrl });
  }
}

/** Bundles the console with the same settings `patrol dev` uses, into the asset's output folder. */
function bundleConsole(outputDir: string): boolean {
  buildSync({ ...consoleBuildOptions(CONSOLE_DIR), outfile: join(outputDir, 'app.js') });
  for (const file of CONSOLE_STATIC_FILES) copyFileSync(join(CONSOLE_DIR, file), join(outputDir, file));
  return true;
}

/**
 * The deployment's function is CDK's own, one per stack: its runtime, managed policy and the wildcards
 * of its copy (asset bucket to console bucket) are not ours to pick. It runs only while deploying.
 */
function acknowledgeDeploymentFunction(scope: Construct, bucket: Bucket): void {
  const stack = Stack.of(scope);
  const handler = stack.node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (handler === undefined) return;
  const site = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  // The findings name the CDK asset bucket with the stack's account and region, or placeholders when unset.
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const reason =
    'CDK BucketDeployment function, which copies the console asset into its bucket at deployment only.';
  Validations.of(handler).acknowledge(
    ...[
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['GetBucket*', 'GetObject*', 'List*', 'Abort*', 'DeleteObject*'].map(
        (action) => `AwsSolutions-IAM5[Action::s3:${action}]`,
      ),
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`,
      `AwsSolutions-IAM5[Resource::<${site}.Arn>/*]`,
      'AwsSolutions-IAM5[Resource::*]',
    ].map((id) => ({ id, reason })),
  );
}
