import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfigFrom } from '../config.ts';
import { addPatrolStacks } from '../patrol-app.ts';

const app = new App();
addPatrolStacks(app, stageConfigFrom(app.node));
// Any AwsSolutions finding without an acknowledgement next to its resource fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
