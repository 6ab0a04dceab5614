package io.plumbery.bootstrap.render;

import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNotFoundException;
import freemarker.template.TemplateScalarModel;
import freemarker.template.utility.NullArgumentException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the templates under {@code /templates} on the class path with strict settings: a missing or
 * null value is an error naming the template, line and column, never a blank.
 *
 * <p>Templates use FreeMarker's square-bracket interpolation, {@code [=node.name]}, so that systemd and
 * shell {@code ${VAR}} text passes through untouched. A {@code yaml(s)} function quotes a string as a
 * YAML double-quoted scalar.
 */
public final class TemplateRenderer {

    private final Configuration configuration;

    public TemplateRenderer() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
        cfg.setClassForTemplateLoading(TemplateRenderer.class, "/templates");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setLocalizedLookup(false);
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setAttemptExceptionReporter((e, env) -> { });
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setSharedVariable("yaml", (TemplateMethodModelEx) TemplateRenderer::yamlFunction);
        this.configuration = cfg;
    }

    /**
     * Renders one template.
     *
     * @param templateName file name under {@code /templates}, e.g. {@code zoo.cfg.ftl}
     * @throws RenderException when the template is missing, does not parse, or needs a value the model lacks
     */
    public String render(String templateName, Map<String, ?> model) {
        Objects.requireNonNull(model, "model");
        try {
            Template template = configuration.getTemplate(templateName);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateNotFoundException e) {
            throw new RenderException(new RenderError(templateName, 0, 0, "template not found"), e);
        } catch (ParseException e) {
            throw new RenderException(new RenderError(nameOr(e.getTemplateName(), templateName),
                    e.getLineNumber(), e.getColumnNumber(), "syntax error: " + e.getEditorMessage()), e);
        } catch (InvalidReferenceException e) {
            String blamed = e.getBlamedExpressionString();
            String problem = blamed != null ? "missing value for '" + blamed + "'" : firstLine(e.getMessageWithoutStackTop());
            throw new RenderException(at(e, templateName, problem), e);
        } catch (TemplateException e) {
            throw new RenderException(at(e, templateName, firstLine(e.getMessageWithoutStackTop())), e);
        } catch (IOException e) {
            throw new RenderException(new RenderError(templateName, 0, 0, "cannot read template: " + e.getMessage()), e);
        }
    }

    private static RenderError at(TemplateException e, String fallbackName, String problem) {
        Integer line = e.getLineNumber();
        Integer column = e.getColumnNumber();
        return new RenderError(nameOr(e.getTemplateSourceName(), fallbackName),
                line == null ? 0 : line, column == null ? 0 : column, problem);
    }

    private static String nameOr(String name, String fallback) {
        return name == null ? fallback : name;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "template error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    private static Object yamlFunction(List<?> arguments) throws TemplateModelException {
        if (arguments.size() != 1 || !(arguments.get(0) instanceof TemplateScalarModel scalar)) {
            throw new TemplateModelException("yaml(s) takes one string");
        }
        String value = scalar.getAsString();
        if (value == null) {
            throw new NullArgumentException("s");
        }
        return Yaml.quote(value);
    }
}
