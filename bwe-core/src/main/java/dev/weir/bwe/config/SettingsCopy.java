package dev.weir.bwe.config;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of settings objects without JSON: a settings type is a class with public fields and
 * a public no-argument constructor, so copying its public fields (recursively for nested settings,
 * element by element for arrays, lists and maps) is a faithful copy. An estimator keeps such a copy
 * so a caller's later edits cannot reach it; a client that never reads a JSON file never loads
 * Jackson for this.
 *
 * <p>Thread-safe (stateless); the object being copied must not change during the copy.
 */
public final class SettingsCopy {
    private SettingsCopy() {
    }

    /**
     * A deep copy of {@code settings}.
     *
     * @throws IllegalArgumentException if the type is not a settings type (no public no-argument
     *     constructor, or a field that cannot be written)
     */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T settings) {
        return settings == null ? null : (T) copyValue(settings);
    }

    private static Object copyValue(Object value) {
        if (value == null || isImmutable(value.getClass())) {
            return value;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            int length = Array.getLength(value);
            Object copy = Array.newInstance(type.getComponentType(), length);
            for (int i = 0; i < length; i++) {
                Array.set(copy, i, copyValue(Array.get(value, i)));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(copyValue(element));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                copy.put(copyValue(entry.getKey()), copyValue(entry.getValue()));
            }
            return copy;
        }
        return copyFields(value, type);
    }

    private static Object copyFields(Object value, Class<?> type) {
        Layout layout = LAYOUTS.get(type);
        if (layout.error != null) {
            throw new IllegalArgumentException("cannot copy " + type.getName()
                    + ": a settings type needs a public no-argument constructor and public fields", layout.error);
        }
        try {
            Object copy = layout.constructor.newInstance();
            for (Field field : layout.fields) {
                field.set(copy, copyValue(field.get(value)));
            }
            return copy;
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot copy " + type.getName()
                    + ": a settings type needs a public no-argument constructor and public fields", e);
        }
    }

    /** A settings type's constructor and copyable fields, looked up once per class (reflection is slow). */
    private static final class Layout {
        final Constructor<?> constructor;
        final Field[] fields;
        final ReflectiveOperationException error;

        Layout(Class<?> type) {
            Constructor<?> found = null;
            ReflectiveOperationException failure = null;
            try {
                found = type.getConstructor();
            } catch (NoSuchMethodException e) {
                failure = e;
            }
            constructor = found;
            error = failure;
            fields = java.util.Arrays.stream(type.getFields())
                    .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()))
                    .toArray(Field[]::new);
        }
    }

    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return new Layout(type);
        }
    };

    private static boolean isImmutable(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.isRecord() || type == String.class
                || type == Boolean.class || type == Character.class || Number.class.isAssignableFrom(type);
    }
}
